/** Apps: they turn the network model into flow rules through the southbound API only. */
package io.weft.apps;
