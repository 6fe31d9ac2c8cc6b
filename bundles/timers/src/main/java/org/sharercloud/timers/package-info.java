/**
 * {@link org.sharercloud.timers.Timers}: the one way a module runs periodic, delayed and background work.
 *
 * <p>This package is not exported by any bundle. Every bundle that uses it carries its own private copy
 * (bnd {@code Conditional-Package} in the parent POM), so {@code bundles/api} keeps to interfaces, DTOs and
 * topics, no bundle depends at run time on anything but {@code api}, and updating one module never
 * refreshes another.
 */
package org.sharercloud.timers;
