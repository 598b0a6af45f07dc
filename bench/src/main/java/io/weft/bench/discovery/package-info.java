/**
 * {@code weft bench discovery}: how fast the controller finds an emulated fabric's links (as
 * its REST API reports them), how fast it moves a conversation off a cable that is cut (as the
 * switches see the flow mods arrive), and how much heap it holds with the whole fabric
 * connected.
 */
package io.weft.bench.discovery;
