package org.sharercloud.workloads.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.workloads.CreditEntry;
import org.sharercloud.api.workloads.CreditService;
import org.sharercloud.api.workloads.CreditStatement;

/** The credits ledger, read side (lines are written by the state machine when an attempt succeeds). */
@Component(service = CreditService.class)
public class CreditServiceImpl implements CreditService {
    private final WorkloadsCore core;

    @Activate
    public CreditServiceImpl(@Reference WorkloadsCore core) {
        this.core = core;
    }

    @Override
    public CreditStatement statement(String memberId) {
        List<CreditEntry> entries = core.read(c -> core.repos().credits().entries(c, memberId));
        double balance = 0;
        double cpu = 0;
        for (CreditEntry e : entries) {
            balance += e.credits();
            cpu += e.cpuSeconds();
        }
        return new CreditStatement(memberId, balance, cpu, entries.size(), entries);
    }

    @Override
    public List<CreditStatement> balances() {
        return core.read(core.repos().credits()::balances);
    }
}
