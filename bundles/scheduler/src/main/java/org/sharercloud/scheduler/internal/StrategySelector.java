package org.sharercloud.scheduler.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registered strategies by name and which one is active. A strategy that is unregistered is dropped
 * at once; when it was the active one the selector falls back to the configured default and says so.
 */
final class StrategySelector {
    private static final Logger LOG = LoggerFactory.getLogger(StrategySelector.class);
    private final Map<String, PlacementStrategy> registered = new ConcurrentHashMap<>();
    private volatile String defaultName;
    private volatile String activeName;

    StrategySelector(String defaultName) {
        this.defaultName = defaultName;
        this.activeName = defaultName;
    }

    void add(String name, PlacementStrategy s) {
        registered.put(name, s);
    }

    /** Drops a strategy; returns the fallback message when it was the active one, else null. */
    String remove(String name, PlacementStrategy s) {
        if (!registered.remove(name, s) || !name.equals(activeName)) {
            return null;
        }
        String to = defaultName;
        activeName = to;
        String msg = "placement strategy '" + name + "' went away; falling back to the configured default '" + to + "'"
                + (registered.containsKey(to) ? "" : ", which is not registered either: the loop idles until it is");
        LOG.warn(msg);
        return msg;
    }

    /** New configuration: the default changes and becomes active. */
    void configure(String newDefault) {
        defaultName = newDefault;
        activeName = newDefault;
    }

    /** The active strategy, or null when it is not registered (the loop then idles). */
    PlacementStrategy current() {
        return registered.get(activeName);
    }

    String activeName() {
        return activeName;
    }

    String defaultName() {
        return defaultName;
    }

    List<String> names() {
        return registered.keySet().stream().sorted().collect(Collectors.toList());
    }

    void setActive(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("strategy", "strategy must be given; registered: " + names());
        }
        if (!registered.containsKey(name)) {
            throw ApiException.badRequest("strategy", "no placement strategy named '" + name + "'; registered: " + names());
        }
        activeName = name;
        LOG.info("placement strategy switched to '{}'", name);
    }
}
