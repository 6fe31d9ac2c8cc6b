package org.sharercloud.portal.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.auth.TokenService;
import org.sharercloud.api.cluster.ClusterService;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.monitoring.MonitoringService;
import org.sharercloud.api.scheduler.SchedulerService;
import org.sharercloud.api.scheduler.SchedulingQueue;
import org.sharercloud.api.store.StoreInfo;
import org.sharercloud.api.agent.AgentGateway;
import org.sharercloud.api.workloads.AllocationTracker;
import org.sharercloud.api.workloads.CreditService;
import org.sharercloud.api.workloads.ReservationService;
import org.sharercloud.api.workloads.WorkloadService;

/**
 * The module services the portal adapts, bound dynamically: any module may be stopped and started
 * while the portal serves. A getter for an absent module throws 503 naming the module.
 */
@Component(service = Services.class)
public class Services {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MemberService members;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile WorkloadService workloads;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SchedulerService scheduler;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MonitoringService monitoring;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StoreInfo store;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TokenService tokens;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AgentGateway agent;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReservationService reservations;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CreditService credits;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AllocationTracker allocations;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SchedulingQueue queue;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ClusterService cluster;

    private final Map<String, SharerModule> modules = new ConcurrentHashMap<>();
    private final LongRequests longRequests = new LongRequests(
            LongRequests.TOTAL, LongRequests.PER_PRINCIPAL);
    private final Map<String, Forecaster> forecasters = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeForecaster")
    void addForecaster(Forecaster f) {
        forecasters.put(f.name(), f);
    }

    void removeForecaster(Forecaster f) {
        forecasters.remove(f.name(), f);
    }

    /** The forecaster of that name; 400 naming the field when absent, 503 when the module is down. */
    public Forecaster forecaster(String name) {
        if (forecasters.isEmpty()) {
            throw ApiException.unavailable("forecast");
        }
        Forecaster f = forecasters.get(name);
        if (f == null) {
            throw ApiException.badRequest("forecaster", "unknown forecaster '" + name + "'; available: " + new java.util.TreeSet<>(forecasters.keySet()));
        }
        return f;
    }

    /** The names of the registered forecasters, sorted. */
    public java.util.SortedSet<String> forecasterNames() {
        return new java.util.TreeSet<>(forecasters.keySet());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeModule")
    void addModule(SharerModule module, Map<String, Object> properties) {
        modules.put(String.valueOf(properties.get(SharerModule.MODULE)), module);
    }

    void removeModule(SharerModule module, Map<String, Object> properties) {
        modules.remove(String.valueOf(properties.get(SharerModule.MODULE)), module);
    }

    /** The names of the running modules (each registers a {@link SharerModule} service with its name as a property). */
    public java.util.Set<String> modules() {
        return java.util.Set.copyOf(modules.keySet());
    }

    public MemberService members() {
        return required(members, "members");
    }

    public WorkloadService workloads() {
        return required(workloads, "workloads");
    }

    public SchedulerService scheduler() {
        return required(scheduler, "scheduler");
    }

    public MonitoringService monitoring() {
        return required(monitoring, "monitoring");
    }

    public TokenService tokens() {
        return required(tokens, "store");
    }

    /** The coordinator registry (a part of the store). */
    public ClusterService cluster() {
        return required(cluster, "store");
    }

    public AgentGateway agent() {
        return required(agent, "workloads");
    }

    public ReservationService reservations() {
        return required(reservations, "workloads");
    }

    public CreditService credits() {
        return required(credits, "workloads");
    }

    /** What is placed on each member, when the workloads module runs. */
    public Optional<AllocationTracker> allocationsIfRunning() {
        return Optional.ofNullable(allocations);
    }

    /** The scheduling queue (the workloads module's side of it), when running. */
    public Optional<SchedulingQueue> queueIfRunning() {
        return Optional.ofNullable(queue);
    }

    public Optional<MonitoringService> monitoringIfRunning() {
        return Optional.ofNullable(monitoring);
    }

    public Optional<SchedulerService> schedulerIfRunning() {
        return Optional.ofNullable(scheduler);
    }

    public Optional<MemberService> membersIfRunning() {
        return Optional.ofNullable(members);
    }

    public Optional<WorkloadService> workloadsIfRunning() {
        return Optional.ofNullable(workloads);
    }

    /** The caps on requests that hold a thread for long (logs?follow, exec). */
    public LongRequests longRequests() {
        return longRequests;
    }

    public Optional<StoreInfo> store() {
        return Optional.ofNullable(store);
    }

    private static <T> T required(T service, String module) {
        if (service == null) {
            throw ApiException.unavailable(module);
        }
        return service;
    }
}
