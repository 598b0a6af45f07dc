package io.weft.southbound.openflow;

/** Where a switch connection is in its life; see {@link SwitchChannelHandler}. */
enum HandshakeState {
    /** Our HELLO is sent; only the switch's HELLO may come. */
    WAIT_HELLO,
    /** Version agreed, FEATURES_REQUEST sent. */
    WAIT_FEATURES_REPLY,
    /** OpenFlow 1.3+: port description multipart request sent; replies may come in parts. */
    WAIT_PORT_DESC,
    /** Switch description request sent. */
    WAIT_DESC,
    /** SET_CONFIG (and on 1.3+ the table-miss rule) sent with a barrier. */
    WAIT_CONFIG_BARRIER,
    /** Handshake done: the switch is a device apps can program. */
    ACTIVE,
    /** The connection is closing; anything still arriving is ignored. */
    CLOSED
}
