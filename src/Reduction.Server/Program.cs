using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Server.Answers;
using Reduction.Server.Audit;
using Reduction.Server.Calendar;
using Reduction.Server.Clock;
using Reduction.Server.Components.Pages.Admin;
using Reduction.Server.Console;
using Reduction.Server.Cycles;
using Reduction.Server.Dashboards;
using Reduction.Server.Health;
using Reduction.Server.Hosting;
using Reduction.Server.Instances;
using Reduction.Server.Ledger;
using Reduction.Server.Notices;
using Reduction.Server.Parties;
using Reduction.Server.PlanPeriods;
using Reduction.Server.Sanctions;
using Reduction.Server.Signals;
using Reduction.Server.Tasks;
using Reduction.Server.Workflows;

var builder = WebApplication.CreateBuilder(args);

builder.AddReductionServer();
builder.AddAnswerPages();
builder.AddConsole();

var app = builder.Build();

app.UseReductionServer();
app.UseAnswerPages();
app.MapHealthApi();
app.MapAuthApi();
app.MapOidcSignIn();
app.MapAuditApi();
app.MapAdminDashboard();
app.MapWorkflowsApi();
app.MapInstancesApi();
app.MapTasksApi();
app.MapTaskActionsApi();
app.MapSignalsApi();
app.MapCyclesApi();
app.MapPlanPeriodsApi();
app.MapCalendarApi();
app.MapNoticesApi();
app.MapPartiesApi();
app.MapSanctionsApi();
app.MapLedgerApi();
app.MapLedgerWorkbookApi();
app.MapDashboards();
app.MapClockApi();
app.MapAnswerPages();
app.MapAdminPages();
app.MapConsole();

app.Run();
