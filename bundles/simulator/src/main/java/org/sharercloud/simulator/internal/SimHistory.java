package org.sharercloud.simulator.internal;

import java.util.List;

import org.sharercloud.api.scheduler.MemberHistory;

/** Member history as the monitoring module would have recorded it up to the simulated now. */
final class SimHistory implements MemberHistory {
    private final List<SimMember> members;
    private final List<String> ids;
    private long now;

    SimHistory(List<SimMember> members) {
        this.members = members;
        this.ids = members.stream().map(m -> m.id).toList();
    }

    void setNow(long t) {
        now = t;
    }

    @Override
    public List<String> memberIds() {
        return ids;
    }

    private SimMember member(String id) {
        int i = ids.indexOf(id);
        return i < 0 ? null : members.get(i);
    }

    @Override
    public double[] hourlyAvailability(String memberId, int maxHours) {
        SimMember m = member(memberId);
        if (m == null) {
            return new double[0];
        }
        long current = now / 3600;
        int n = (int) Math.min(maxHours, current + 1);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            long h = current - n + 1 + i;
            long from = h * 3600;
            long to = Math.min(from + 3600, now);
            out[i] = to <= from ? (m.timeline.up(from) ? 1 : 0) : (double) m.timeline.upSeconds(from, to) / (to - from);
        }
        return out;
    }

    @Override
    public double[] hourlyOwnerLoad(String memberId, int maxHours) {
        SimMember m = member(memberId);
        if (m == null) {
            return new double[0];
        }
        long current = now / 3600;
        int n = (int) Math.min(maxHours, current + 1);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            long from = (current - n + 1 + i) * 3600;
            out[i] = m.load.meanLoad(from, Math.max(from + 1, Math.min(from + 3600, now)));
        }
        return out;
    }
}
