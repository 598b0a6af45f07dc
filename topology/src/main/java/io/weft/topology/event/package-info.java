/** The one event dispatcher: listeners see each subject's events in order. */
package io.weft.topology.event;
