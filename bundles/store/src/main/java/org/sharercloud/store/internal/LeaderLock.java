package org.sharercloud.store.internal;

/**
 * The leader lease. {@link #check()} is called once per registry beat: it keeps the lock if held (and says so
 * only while the session holding it is provably alive), or tries to take it. Two implementations, one code
 * path: {@link AdvisoryLeaderLock} on PostgreSQL, {@link #SOLE} on embedded Derby, where the single
 * coordinator is always the leader.
 */
interface LeaderLock extends AutoCloseable {
    /** The one coordinator of an embedded database: always the leader. */
    LeaderLock SOLE = new LeaderLock() {
        @Override
        public boolean check() {
            return true;
        }

        @Override
        public void close() {
            // nothing held outside this JVM
        }
    };

    /** Keeps or tries to take the lock; true while this coordinator leads. */
    boolean check();

    /** Gives the lock up (another coordinator may take it at its next beat). */
    @Override
    void close();
}
