namespace Reduction.Server.Tests.Support;

/// <summary>What a drill's final check counted.</summary>
internal sealed record DrillReport(
    int Instances,
    int TimersFired,
    int TimersCancelled,
    TimeSpan MaxLateness,
    int Notices,
    int NoticesSent,
    int NoticesDeadLettered,
    int Effects,
    int Tasks)
{
    public override string ToString() =>
        $"{Instances} instances completed; {TimersFired} timers fired once each (max {MaxLateness.TotalSeconds:0.0} s after due), {TimersCancelled} cancelled; " +
        $"{Notices} notices ({NoticesSent} sent, {NoticesDeadLettered} dead-lettered) and {Effects} effects recorded once each; {Tasks} tasks answered once each";
}
