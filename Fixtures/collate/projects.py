# The three collate fixture projects as data; make-fixtures.py renders them as Jira REST v3
# (ADF), REST v2 (wiki markup), Jira CSV export and Spine AST JSON.
#
# Description blocks: ("h", level, inlines) ("p", inlines) ("ul", [inlines...]) ("ol", [inlines...])
# Inlines: a list of str | ("b", str) | ("a", text, url) | ("code", str); a bare str is one text run.

TODO, PROG, REVIEW, DONE = ("To Do", "new"), ("In Progress", "indeterminate"), ("In Review", "indeterminate"), ("Done", "done")

PEOPLE = {
    "ada": ("5b10a2844c20165700ede21g", "Ada Lovelace"),
    "grace": ("5b10ac8d82e05b22cc7d4ef5", "Grace Hopper"),
    "linus": ("557058:f58131cb-b67d-43c7-b30d-6b58d40bd077", "Linus Torvalds"),
    "yuki": ("712020:0a8e2c1d-3b4f-4e5a-9c6d-7e8f90a1b2c3", "山田 雪"),
    "omar": ("63e1f0c2a1b2c3d4e5f60718", "Omar Haddad"),
}

def issue(key, type_, summary, status, parent=None, points=None, rank=None, assignee=None, priority="Medium",
          labels=(), components=(), versions=(), desc=(), ac=None, links=(), created="2025-03-03T09:12:44.000+0100"):
    return dict(key=key, type=type_, summary=summary, status=status, parent=parent, points=points, rank=rank,
                assignee=assignee, priority=priority, labels=list(labels), components=list(components),
                versions=list(versions), desc=list(desc), ac=ac, links=list(links), created=created)

# ---------------------------------------------------------------- password reset (PW)
PW = [
    issue("PW-1", "Epic", "Self-service password reset", PROG, rank="0|i0001a:", assignee="ada", priority="High",
          labels=["security"], components=["Identity"], versions=["2025.2"], desc=[
        ("h", 2, ["Business goal"]),
        ("p", ["Cut password-related support tickets by half and let users recover access without waiting for an agent."]),
        ("h", 2, ["Problem statement"]),
        ("p", ["Today a forgotten password means a support ticket: median time to resolution is ", ("b", "19 hours"),
               ", and 31% of all Tier-1 tickets are password resets."]),
        ("h", 2, ["Success metrics"]),
        ("ul", [["Password tickets down 50% within one quarter of launch"],
                ["95% of reset emails delivered in under 60 seconds"],
                ["No account takeover through the reset flow (security review sign-off)"]]),
        ("h", 2, ["References"]),
        ("p", ["Design: ", ("a", "Reset flow in Figma", "https://www.figma.com/file/Xr2kPq/Reset-flow"),
               "; threat model: ", ("a", "ADR-014", "https://wiki.example.com/display/SEC/ADR-014+Password+reset")]),
    ]),
    issue("PW-2", "Story", "Request a reset link from the sign-in page", DONE, parent="PW-1", points=3, rank="0|i0001c:",
          assignee="grace", labels=["security", "web"], components=["Identity"], versions=["2025.2"], desc=[
        ("p", ["As a user who forgot my password, I want to request a reset link from the sign-in page, so that I can get back into my account."]),
        ("h", 3, ["Acceptance criteria"]),
        ("ul", [["A \"Forgot password?\" link is shown under the password field"],
                ["Submitting any email address shows the same confirmation, whether or not an account exists"],
                ["Requests are rate limited per address and per IP"]]),
        ("h", 3, ["Notes"]),
        ("p", ["Copy reviewed with legal; see ", ("code", "auth/reset_request.ts"), "."]),
    ]),
    issue("PW-3", "Story", "Send the reset email with a single-use link", PROG, parent="PW-1", points=5, rank="0|i0001e:",
          assignee="linus", priority="High", labels=["email"], components=["Identity", "Notifications"], versions=["2025.2"], desc=[
        ("p", ["As a user, I want an email with a link that works once, so that nobody else can reuse it."]),
        ("p", ["Templates live in the notification service; tokens expire after 30 minutes."]),
    ], ac=[("ol", [["The email arrives within 60 seconds (p95)"],
                   ["The link contains a 256-bit random token, stored hashed"],
                   ["Using the link twice shows \"This link has already been used\""]])],
          links=[("Relates", "in", "PW-6")]),
    issue("PW-4", "Story", "Choose a new password that meets the policy", TODO, parent="PW-1", points=8, rank="0|i0001d:",
          assignee="grace", components=["Identity"], versions=["2025.2"], desc=[
        ("p", ["As a user, I want to set a new password and see the policy as I type, so that I pick one that is accepted the first time."]),
        ("p", [("b", "Acceptance criteria:")]),
        ("ul", [["Rules shown live: length ≥ 12, not in the breached-password list"],
                ["All other sessions are signed out after the change"]]),
    ], links=[("Blocks", "in", "AUTH-12", "Adopt the breached-password API", PROG)]),
    issue("PW-5", "Task", "Rate-limit reset requests at the edge", DONE, parent="PW-1", points=2, rank="0|i0001b:",
          assignee="omar", components=["Platform"], desc=[
        ("p", ["Configure the gateway: 5 requests per address per hour, 20 per IP per hour."]),
    ], links=[("Implements", "out", "PW-2")]),
    issue("PW-6", "Bug", "Reset link expires after 5 minutes instead of 30", PROG, parent="PW-1", rank="0|i0001f:",
          assignee="linus", priority="Highest", components=["Identity"], versions=["2025.2"], desc=[
        ("p", ["Steps: request a link, wait 6 minutes, open it. Expected: form. Actual: \"Link expired\"."]),
        ("p", ["TTL is read in seconds but configured in minutes."]),
    ], links=[("Relates", "out", "PW-3")]),
    issue("PW-7", "Sub-task", "Forgot-password link and form", DONE, parent="PW-2", rank="0|i0001g:", assignee="grace"),
    issue("PW-8", "Sub-task", "Uniform confirmation message", DONE, parent="PW-2", rank="0|i0001h:", assignee="grace"),
    issue("PW-9", "Sub-task", "Policy checker component", TODO, parent="PW-4", rank="0|i0001i:", assignee="yuki"),
    issue("PW-10", "Epic", "Lockout notifications", TODO, rank="0|i0001k:", assignee="ada", labels=["security"],
          components=["Notifications"], versions=["2025.3"], desc=[
        ("p", ["Tell users when their account is locked and how to unlock it."]),
        ("h", 3, ["Goal"]),
        ("p", ["Fewer lockout tickets; users unlock themselves."]),
    ]),
    issue("PW-11", "Story", "Email the user when the account is locked", TODO, parent="PW-10", points=3, rank="0|i0001l:",
          assignee="yuki", components=["Notifications"], versions=["2025.3"], desc=[
        ("p", ["As a locked-out user, I want an email explaining the lock, so that I know what to do next."]),
        ("h", 4, ["Acceptance Criteria"]),
        ("ul", [["Sent within 1 minute of the lock"], ["Localised: English, Deutsch, 日本語"]]),
    ]),
    issue("PW-12", "Story", "Unlock link in the lockout email", TODO, parent="PW-10", points=5, rank="0|i0001m:",
          assignee="yuki", components=["Notifications"], versions=["2025.3"], desc=[
        ("p", ["As a locked-out user, I want to unlock my account from the email 🔓, so that I don't need support."]),
    ], links=[("Blocks", "in", "PW-3")]),
    issue("PW-13", "Sub-task", "Lockout email template", TODO, parent="PW-11", rank="0|i0001n:", assignee="omar"),
    issue("PW-14", "Story", "Audit log entry for every reset", TODO, parent="PW-98", points=2, rank="0|i0001o:",
          assignee="omar", components=["Identity"], desc=[
        ("p", ["As a security analyst, I want each reset in the audit log, so that I can investigate takeovers."]),
    ]),
]

# ---------------------------------------------------------------- billing (BILL)
BILL = [
    issue("BILL-1", "Initiative", "Usage-based billing", PROG, rank="0|i0002a:", assignee="ada", priority="High",
          labels=["revenue"], desc=[
        ("p", ["Charge customers for what they use instead of per seat."]),
        ("p", [("b", "Business goal:"), " grow net revenue retention from 104% to 112%."]),
        ("p", [("b", "Problem:"), " seat pricing penalises large teams with occasional users."]),
        ("p", [("b", "Success metrics:"), " NRR, share of invoices without disputes, time to first invoice."]),
    ]),
    issue("BILL-2", "Epic", "Metered usage ingestion", PROG, parent="BILL-1", rank="0|i0002b:", assignee="linus",
          components=["Metering"], versions=["Billing 1.0"], desc=[
        ("h", 1, ["Business goal"]), ("p", ["Record every billable event exactly once."]),
        ("h", 1, ["Problem statement"]), ("p", ["Usage is counted from nightly log scans that miss and double-count events."]),
        ("h", 1, ["Success metrics"]), ("ul", [["Reconciliation error below 0.01%"], ["Events visible in the ledger within 5 minutes"]]),
    ]),
    issue("BILL-3", "Story", "Emit usage events from the API gateway", DONE, parent="BILL-2", points=5, rank="0|i0002c:",
          assignee="omar", components=["Metering"], versions=["Billing 1.0"], desc=[
        ("p", ["As the billing system, I want one usage event per billable API call, so that invoices match usage."]),
    ], ac=[("ul", [["Each event has tenant, meter, quantity, idempotency key"], ["Events are published within 1 s"]])]),
    issue("BILL-4", "Story", "Deduplicate events by idempotency key", PROG, parent="BILL-2", points=8, rank="0|i0002e:",
          assignee="linus", components=["Metering"], versions=["Billing 1.0"], desc=[
        ("p", ["As finance, I want duplicate events dropped, so that nobody is charged twice."]),
        ("h", 2, ["Acceptance criteria"]),
        ("ol", [["A replayed event within 7 days is ignored"], ["Duplicates are counted in a metric"]]),
    ], links=[("Blocks", "out", "BILL-9")]),
    issue("BILL-5", "Story", "Usage ledger with hourly aggregates", TODO, parent="BILL-2", points=8, rank="0|i0002d:",
          assignee="linus", components=["Metering", "Ledger"], versions=["Billing 1.0"], desc=[
        ("p", ["As a customer, I want my usage per hour, so that I can check my bill."]),
    ]),
    issue("BILL-6", "Sub-task", "Kafka topic and schema", DONE, parent="BILL-3", rank="0|i0002f:", assignee="omar"),
    issue("BILL-7", "Sub-task", "Gateway plugin", DONE, parent="BILL-3", rank="0|i0002g:", assignee="omar"),
    issue("BILL-8", "Sub-task", "Dedup store (7-day TTL)", PROG, parent="BILL-4", rank="0|i0002h:", assignee="linus"),
    issue("BILL-9", "Epic", "Invoices from usage", TODO, parent="BILL-1", rank="0|i0002i:", assignee="grace",
          components=["Invoicing"], versions=["Billing 1.1"], desc=[
        ("p", ["Turn the ledger into monthly invoices."]),
        ("p", ["Tax rules: ", ("a", "Tax matrix", "https://docs.example.com/billing/tax-matrix"), "."]),
    ], links=[("Blocks", "in", "BILL-4")]),
    issue("BILL-10", "Story", "Draft invoice at month end", TODO, parent="BILL-9", points=5, rank="0|i0002j:",
          assignee="grace", components=["Invoicing"], versions=["Billing 1.1"], desc=[
        ("p", ["As a billing admin, I want draft invoices on the 1st, so that I can review them before they are sent."]),
        ("h", 3, ["Acceptance criteria"]),
        ("ul", [["Drafts for every active tenant by 06:00 UTC"], ["Line items per meter with unit price"]]),
    ], links=[("Blocks", "in", "PAY-301", "Tax provider contract signed", TODO)]),
    issue("BILL-11", "Story", "Credit notes for disputed usage", TODO, parent="BILL-9", points=3, rank="0|i0002k:",
          assignee="grace", components=["Invoicing"], versions=["Billing 1.1"], desc=[
        ("p", ["As support, I want to issue a credit note against a usage line, so that disputes close quickly."]),
    ]),
    issue("BILL-12", "Bug", "Hourly aggregate off by one at DST change", TODO, parent="BILL-2", rank="0|i0002l:",
          assignee="linus", priority="High", components=["Ledger"], desc=[
        ("p", ["On 2025-03-30 the 02:00–03:00 bucket is missing for Europe/Berlin tenants."]),
    ], links=[("Relates", "out", "BILL-5")]),
    issue("BILL-13", "Task", "Load test the ingestion path at 50k events/s", TODO, parent="BILL-2", points=3, rank="0|i0002m:",
          assignee="omar", components=["Metering"], desc=[
        ("p", ["Target: p99 publish latency under 200 ms. Report in ", ("a", "perf results", "https://grafana.example.com/d/ingest"), "."]),
    ]),
    issue("BILL-14", "Sub-task", "Credit note PDF", TODO, parent="BILL-11", rank="0|i0002n:", assignee="grace"),
    issue("BILL-15", "Story", "Show usage on the customer dashboard", TODO, parent="BILL-97", points=5, rank="0|i0002o:",
          assignee="yuki", components=["Portal"], desc=[
        ("p", ["As a customer admin, I want a usage chart, so that there are no surprises on the invoice."]),
    ]),
]

# ---------------------------------------------------------------- onboarding (ONB)
ONB = [
    issue("ONB-1", "Epic", "Guided onboarding checklist", PROG, rank="0|i0003a:", assignee="yuki", priority="High",
          labels=["growth"], components=["Onboarding"], versions=["Q3"], desc=[
        ("h", 2, ["Problem statement"]),
        ("p", ["40% of new workspaces never invite a second member; activation stalls in week one."]),
        ("h", 2, ["Success metrics"]),
        ("ul", [["Week-1 activation from 38% to 50%"], ["Checklist completion ≥ 60%"]]),
    ]),
    issue("ONB-2", "Story", "Checklist panel on first sign-in", DONE, parent="ONB-1", points=5, rank="0|i0003b:",
          assignee="yuki", labels=["growth", "web"], components=["Onboarding"], versions=["Q3"], desc=[
        ("p", ["As a new admin, I want a checklist of setup steps, so that I know what to do first."]),
    ], ac=[("ul", [["Shows 5 steps with progress"], ["Dismissable, and can be reopened from Help"]])]),
    issue("ONB-3", "Story", "Invite teammates from the checklist", PROG, parent="ONB-1", points=3, rank="0|i0003c:",
          assignee="omar", labels=["growth"], components=["Onboarding", "Invitations"], versions=["Q3"], desc=[
        ("p", ["As a new admin, I want to invite teammates by email or link, so that my team joins in one go."]),
        ("h", 3, ["Acceptance criteria"]),
        ("ul", [["Paste up to 50 addresses"], ["Invitation link can be revoked"]]),
    ], links=[("Blocks", "in", "ONB-9")]),
    issue("ONB-4", "Story", "Import users from a CSV file", TODO, parent="ONB-1", points=8, rank="0|i0003e:",
          assignee="omar", labels=["growth"], components=["Invitations"], versions=["Q4"], desc=[
        ("p", ["As an admin of a large team, I want to import users from CSV, so that I don't type 300 addresses."]),
    ]),
    issue("ONB-5", "Story", "Sample project for new workspaces", REVIEW, parent="ONB-1", points=3, rank="0|i0003d:",
          assignee="ada", components=["Onboarding"], versions=["Q3"], desc=[
        ("p", ["As a new user, I want a sample project, so that I can explore features with real-looking data."]),
        ("p", [("b", "Acceptance criteria")]),
        ("ul", [["Created on workspace creation"], ["One click removes it"]]),
    ]),
    issue("ONB-6", "Sub-task", "Checklist state API", DONE, parent="ONB-2", rank="0|i0003f:", assignee="linus"),
    issue("ONB-7", "Sub-task", "Checklist UI", DONE, parent="ONB-2", rank="0|i0003g:", assignee="yuki"),
    issue("ONB-8", "Sub-task", "Invite modal", PROG, parent="ONB-3", rank="0|i0003h:", assignee="omar"),
    issue("ONB-9", "Task", "Email deliverability for invitations (SPF/DKIM)", DONE, parent="ONB-1", points=2, rank="0|i0003i:",
          assignee="linus", components=["Invitations"], desc=[
        ("p", ["Sender domain verified; see ", ("a", "runbook", "https://wiki.example.com/display/OPS/Email+deliverability"), "."]),
    ], links=[("Blocks", "out", "ONB-3")]),
    issue("ONB-10", "Bug", "Checklist shows 4/5 after all steps are done", TODO, parent="ONB-1", rank="0|i0003j:",
          assignee="yuki", priority="Low", components=["Onboarding"], desc=[
        ("p", ["The \"Connect calendar\" step is never marked done when skipped."]),
    ], links=[("Relates", "out", "ONB-2")]),
    issue("ONB-11", "Task", "Seed data generator for the sample project", PROG, rank="0|i0003k:",
          assignee="ada", components=["Onboarding"], desc=[
        ("p", ["Script that builds the sample project's tasks, comments and files."]),
    ], links=[("Implements", "out", "ONB-5")]),
    issue("ONB-12", "Task", "Update onboarding analytics events", TODO, rank="0|i0003l:", assignee="omar",
          labels=["analytics"], desc=[
        ("p", ["Rename events to the ", ("code", "onboarding.*"), " namespace before the Q3 dashboard ships."]),
    ]),
    issue("ONB-13", "Story", "Welcome email sequence", TODO, parent="ONB-99", points=3, rank="0|i0003m:",
          assignee="yuki", labels=["growth"], components=["Onboarding"], desc=[
        ("p", ["As a new user, I want three short emails over my first week, so that I discover key features."]),
    ]),
]

PROJECTS = {"password-reset": PW, "billing": BILL, "onboarding": ONB}
