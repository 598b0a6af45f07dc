/**
 * Links between devices as link discovery finds them: connect points, directed links, a
 * read service with listeners, and the provider service discovery feeds.
 */
package io.weft.topology.link;
