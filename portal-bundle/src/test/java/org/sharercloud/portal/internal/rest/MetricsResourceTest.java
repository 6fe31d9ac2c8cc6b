package org.sharercloud.portal.internal.rest;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** Without an admin token, /metrics leaves out each member's series (owner load tells when a volunteer is at home). */
public class MetricsResourceTest {
    @Test
    public void thePublicViewDropsOnlyThePerMemberFamilies() {
        String text = "# HELP sharer_members Members by state.\n# TYPE sharer_members gauge\nsharer_members{state=\"ONLINE\"} 2\n"
                + "# HELP sharer_member_owner_load CPU use of the owner's own processes on a member, 0..1.\n"
                + "# TYPE sharer_member_owner_load gauge\nsharer_member_owner_load{member=\"a1\"} 0.7\n"
                + "sharer_members_online_tracked 2\nsharer_member_cpu_load{member=\"a1\"} 0.2\nsharer_store_pool_max 16\n";
        assertEquals("# HELP sharer_members Members by state.\n# TYPE sharer_members gauge\nsharer_members{state=\"ONLINE\"} 2\n"
                + "sharer_members_online_tracked 2\nsharer_store_pool_max 16\n", MetricsResource.withoutMemberSeries(text));
    }
}
