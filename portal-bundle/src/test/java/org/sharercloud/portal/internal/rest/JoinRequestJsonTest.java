package org.sharercloud.portal.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;
import org.sharercloud.api.members.JoinRequest;

/** The API's mapper reads a join with and without the earlier credential (the record has two constructors). */
public class JoinRequestJsonTest {
    @Test
    public void theCredentialIsReadAndMayBeAbsent() throws Exception {
        String host = "{\"machineId\":\"m1\",\"hostname\":\"h\",\"os\":\"Linux\",\"arch\":\"amd64\",\"cores\":2,\"memoryMb\":1024,\"diskMb\":1,"
                + "\"dockerAvailable\":true,\"labels\":{}}";
        JoinRequest with = Json.MAPPER.readValue("{\"joinToken\":\"jt\",\"host\":" + host + ",\"credential\":\"m.a.b\"}", JoinRequest.class);
        assertEquals("m.a.b", with.credential());
        assertEquals("m1", with.host().machineId());
        JoinRequest without = Json.MAPPER.readValue("{\"joinToken\":\"jt\",\"name\":\"n\",\"host\":" + host + "}", JoinRequest.class);
        assertNull(without.credential());
        assertEquals("n", without.name());
    }
}
