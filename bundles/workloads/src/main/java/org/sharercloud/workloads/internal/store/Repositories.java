package org.sharercloud.workloads.internal.store;

/** The module's repositories (stateless SQL; each method runs in the caller's transaction). */
public record Repositories(WorkloadRepo workloads, AttemptRepo attempts, LogRepo logs, OutputRepo outputs, CreditRepo credits,
        ReservationRepo reservations, StorageRepo storage) {

    public static Repositories create() {
        return new Repositories(new WorkloadRepo(), new AttemptRepo(), new LogRepo(), new OutputRepo(), new CreditRepo(),
                new ReservationRepo(), new StorageRepo());
    }
}
