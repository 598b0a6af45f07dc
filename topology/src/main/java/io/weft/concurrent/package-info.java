/** Small concurrency building blocks shared by the controller's modules. */
package io.weft.concurrent;
