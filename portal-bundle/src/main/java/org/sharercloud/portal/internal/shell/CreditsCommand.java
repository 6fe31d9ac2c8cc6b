package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.Page;
import org.sharercloud.api.workloads.CreditEntry;
import org.sharercloud.api.workloads.CreditStatement;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.CreditResource;
import org.sharercloud.portal.internal.rest.CreditResource.StatementPage;

/** {@code sharer:credits [member]}: every member's balance, or one member's ledger (paged as {@code GET /api/v1/credits}). */
@Service
@Command(scope = "sharer", name = "credits", description = "Shows credit balances, or one member's ledger")
public class CreditsCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "member", description = "Member id (omit for every balance)")
    @Completion(MemberIdCompleter.class)
    String member;

    @Option(name = "--limit", description = "One page of this many balances, or of the member's entries (1-1000)")
    String limit;

    @Option(name = "--cursor", description = "The page after this cursor (printed under the previous page)")
    String cursor;

    @Option(name = "--json", description = "Print the API's JSON (GET /api/v1/credits) instead (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        ShellTable t = new ShellTable();
        if (member == null) {
            Page<CreditStatement> page = CreditResource.balances(services, limit, cursor);
            if (json) {
                ShellPaging.printJson(page, limit, cursor);
                return;
            }
            for (String c : new String[] {"Member", "Credits", "CPU-seconds", "Attempts"}) {
                t.column(c);
            }
            for (CreditStatement s : page.items()) {
                t.addRow().addContent(s.memberId(), String.format("%.2f", s.balance()), String.format("%.1f", s.cpuSeconds()), s.attempts());
            }
            t.print(System.out);
            ShellPaging.footer("credits", page, "balance");
            return;
        }
        StatementPage s = CreditResource.statement(services, member, limit, cursor);
        if (json) {
            ShellJson.print(s);
            return;
        }
        System.out.println(String.format("Member %s: %.2f credits for %.1f CPU-seconds in %d attempt(s)", member, s.balance(),
                s.cpuSeconds(), s.attempts()));
        for (String c : new String[] {"When", "Attempt", "Workload", "CPU-seconds", "Weight", "Credits"}) {
            t.column(c);
        }
        for (CreditEntry e : s.entries()) {
            t.addRow().addContent(WorkloadShell.time(e.at()), e.attemptId(), e.workloadId(), String.format("%.1f", e.cpuSeconds()),
                    e.weight(), String.format("%.2f", e.credits()));
        }
        t.print(System.out);
        if (s.nextCursor() != null) {
            System.out.println("More entries: sharer:credits --cursor " + s.nextCursor() + " " + member);
        }
    }
}
