/** JMH benchmarks and load generators for Sharer Cloud; results are recorded in docs/benchmarks.md. */
package org.sharercloud.benchmarks;
