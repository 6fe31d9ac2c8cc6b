package org.sharercloud.portal.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;

public class ForecastResourceTest {
    private static ArimaOrder parse(String json, Integer period) throws Exception {
        return ForecastResource.order(Json.MAPPER.readTree(json), period);
    }

    @Test
    public void autoWithoutPeriodIsNullAndWithPeriodIsSeasonalAuto() throws Exception {
        assertNull(parse("\"auto\"", null));
        assertNull(parse("\"AUTO\"", null));
        ArimaOrder o = parse("\"auto\"", 12);
        assertTrue(o.isAutomatic());
        assertEquals(12, o.period());
    }

    @Test
    public void objectFieldsMapToTheOrderWithDefaults() throws Exception {
        ArimaOrder o = parse("{\"p\":2,\"d\":1,\"q\":1}", null);
        assertEquals(new ArimaOrder(2, 1, 1, 0, 0, 0, 0, true), o);
        ArimaOrder s = parse("{\"p\":0,\"d\":1,\"q\":1,\"P\":0,\"D\":1,\"Q\":1,\"period\":12,\"includeMean\":false}", null);
        assertEquals(new ArimaOrder(0, 1, 1, 0, 1, 1, 12, false), s);
        assertFalse(s.includeMean());
    }

    @Test
    public void badModelsNameTheField() throws Exception {
        expect("{\"p\":-1}", "model.p");
        expect("{\"p\":1.5}", "model.p");
        expect("{\"r\":1}", "model.r");
        expect("[1,2]", "model");
        expect("\"best\"", "model");
    }

    private static void expect(String json, String field) throws Exception {
        try {
            parse(json, null);
            fail("accepted " + json);
        } catch (ApiException e) {
            assertEquals(400, e.status());
            assertEquals(field, e.field());
        }
    }
}
