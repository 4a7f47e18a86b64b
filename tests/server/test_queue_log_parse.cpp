// queue_log parser: every event variant of docs/queue_log.md (reference: shared/reference/queue_log.md),
// free text with '|', rejected lines, realtime CSV rows with a time zone.
#include <doctest/doctest.h>

#include <string>

#include "server/ingest/queue_log.h"

using namespace cb;

namespace {
QueueLogRecord Parse(std::string_view line) {
    QueueLogRecord r;
    REQUIRE(ParseQueueLogLine(line, &r) == QueueLogStatus::Ok);
    return r;
}
}  // namespace

TEST_CASE("queue_log parse: fixed fields and trailing bar") {
    const QueueLogRecord r = Parse("1596191926|NONE|NONE|NONE|QUEUESTART|");
    CHECK(r.t_ms == 1596191926000);
    CHECK(r.callid == "NONE");
    CHECK(r.event == QueueLogEvent::QueueStart);
    CHECK(r.data_count == 0);
    const QueueLogRecord r2 = Parse("1596191926|NONE|NONE|NONE|CONFIGRELOAD\r");
    CHECK(r2.event == QueueLogEvent::ConfigReload);
    CHECK(r2.data_count == 0);
}

TEST_CASE("queue_log parse: ENTERQUEUE 1.4 (2 fields), 1.8+ (3), 23 (4 with caller name)") {
    QueueLogRecord r = Parse("1266833905|1266833905.2|q1|NONE|ENTERQUEUE||01773597776");
    CHECK(r.event == QueueLogEvent::EnterQueue);
    CHECK(r.caller_num == "01773597776");
    CHECK(r.orig_position == -1);
    r = Parse("1341401601|1341401601.24|q1|NONE|ENTERQUEUE||1000|1");
    CHECK(r.orig_position == 1);
    r = Parse("1741000000|1741000000.5|q1|NONE|ENTERQUEUE|http://x|1000|3|Wang_Fang");
    CHECK(r.text == "http://x");
    CHECK(r.orig_position == 3);
    CHECK(r.caller_name == "Wang_Fang");
}

TEST_CASE("queue_log parse: CONNECT 1.2 (hold), 1.4 (hold|uid), 1.6+ (hold|uid|ring s)") {
    QueueLogRecord r = Parse("1136000000|1136000000.1|q1|SIP/100|CONNECT|7");
    CHECK(r.hold_s == 7);
    CHECK(r.ring_ms == -1);
    r = Parse("1266833911|1266833905.2|q1|Local/2004@from-internal/n|CONNECT|1|1266833911.7");
    CHECK(r.agent == "Local/2004@from-internal/n");
    CHECK(r.hold_s == 1);
    CHECK(r.member_uid == "1266833911.7");
    CHECK(r.ring_ms == -1);
    r = Parse("1341401603|1341401601.24|q1|Agent/3001|CONNECT|2|1341401601.27|1");
    CHECK(r.ring_ms == 1000);  // seconds in CONNECT
}

TEST_CASE("queue_log parse: COMPLETE* with 2 and 3 fields, RINGNOANSWER/RINGCANCELED in ms") {
    QueueLogRecord r = Parse("1266833914|1266833905.2|q1|Local/2004@from-internal/n|COMPLETEAGENT|1|3|1");
    CHECK(r.event == QueueLogEvent::CompleteAgent);
    CHECK(r.hold_s == 1);
    CHECK(r.talk_s == 3);
    CHECK(r.orig_position == 1);
    r = Parse("1136000100|1136000000.1|q1|SIP/100|COMPLETECALLER|7|93");
    CHECK(r.event == QueueLogEvent::CompleteCaller);
    CHECK(r.talk_s == 93);
    CHECK(r.orig_position == -1);
    r = Parse("1366720340|1366720340.303267|MYQUEUE|SIP/8007|RINGNOANSWER|1000");
    CHECK(r.ring_ms == 1000);
    r = Parse("1366720340|1366720340.303267|MYQUEUE|SIP/8007|RINGNOANSWER|0");
    CHECK(r.ring_ms == 0);
    r = Parse("1500000000|1500000000.9|q1|SIP/8007|RINGCANCELED|2500");
    CHECK(r.event == QueueLogEvent::RingCanceled);
    CHECK(r.ring_ms == 2500);
}

TEST_CASE("queue_log parse: ABANDON and the exits in their short and long forms") {
    QueueLogRecord r = Parse("1341402592|1341402586.51|q1|NONE|ABANDON|1|1|6");
    CHECK(r.position == 1);
    CHECK(r.orig_position == 1);
    CHECK(r.hold_s == 6);
    r = Parse("1136000000|1136000000.2|q1|NONE|EXITWITHTIMEOUT|2");  // 1.2-1.6 short form
    CHECK(r.event == QueueLogEvent::ExitWithTimeout);
    CHECK(r.position == 2);
    CHECK(r.hold_s == -1);
    r = Parse("1600000000|1600000000.2|q1|NONE|EXITWITHTIMEOUT|2|3|60");
    CHECK(r.hold_s == 60);
    r = Parse("1600000000|1600000000.3|q1|NONE|EXITEMPTY|1|1|4");
    CHECK(r.event == QueueLogEvent::ExitEmpty);
    CHECK(r.hold_s == 4);
    r = Parse("1136000000|1136000000.4|q1|NONE|EXITWITHKEY|5|2");  // <= 11: key|pos
    CHECK(r.text == "5");
    CHECK(r.position == 2);
    CHECK(r.hold_s == -1);
    r = Parse("1600000000|1600000000.4|q1|NONE|EXITWITHKEY|#|2|3|17");  // 12+
    CHECK(r.text == "#");
    CHECK(r.orig_position == 3);
    CHECK(r.hold_s == 17);
}

TEST_CASE("queue_log parse: WITHDRAW info and pause reasons may contain '|'") {
    QueueLogRecord r = Parse("1650000000|1650000000.1|q1|NONE|WITHDRAW|1|2|30|moved|to callback");
    CHECK(r.event == QueueLogEvent::Withdraw);
    CHECK(r.hold_s == 30);
    CHECK(r.text == "moved|to callback");
    r = Parse("1650000000|NONE|q1|SIP/8007|PAUSE|Lunch|canteen");
    CHECK(r.text == "Lunch|canteen");
    r = Parse("1650000000|NONE|NONE|SIP/8007|PAUSEALL|午餐");
    CHECK(r.event == QueueLogEvent::PauseAll);
    CHECK(r.text == "午餐");
    r = Parse("1650000000|NONE|q1|SIP/8007|UNPAUSE|");
    CHECK(r.event == QueueLogEvent::Unpause);
    CHECK(r.text.empty());
    r = Parse("1650000000|NONE|NONE|SIP/8007|UNPAUSEALL|Auto-Unpause");
    CHECK(r.text == "Auto-Unpause");
}

TEST_CASE("queue_log parse: TRANSFER 2/4/5 fields, BLINDTRANSFER, ATTENDEDTRANSFER 5 and 6 fields") {
    QueueLogRecord r = Parse("1136000000|1136000000.1|q1|SIP/100|TRANSFER|200|from-internal");
    CHECK(r.exten == "200");
    CHECK(r.context == "from-internal");
    CHECK(r.talk_s == -1);
    r = Parse("1200000000|1200000000.1|q1|SIP/100|TRANSFER|200|from-internal|4|60");
    CHECK(r.hold_s == 4);
    CHECK(r.talk_s == 60);
    CHECK(r.orig_position == -1);
    r = Parse("1300000000|1300000000.1|q1|SIP/100|TRANSFER|200|from-internal|4|60|2");
    CHECK(r.orig_position == 2);
    r = Parse("1500000000|1500000000.1|q1|PJSIP/100|BLINDTRANSFER|300|ctx|5|70|1");
    CHECK(r.event == QueueLogEvent::BlindTransfer);
    CHECK(r.exten == "300");
    CHECK(r.talk_s == 70);
    r = Parse("1500000000|1500000000.1|q1|PJSIP/100|ATTENDEDTRANSFER|BRIDGE|abc-123|5|70|1");
    CHECK(r.method == "BRIDGE");
    CHECK(r.hold_s == 5);
    CHECK(r.talk_s == 70);
    CHECK(r.orig_position == 1);
    r = Parse("1500000000|1500000000.1|q1|PJSIP/100|ATTENDEDTRANSFER|APP|Voicemail|5|71|1");
    CHECK(r.talk_s == 71);
    r = Parse("1500000000|1500000000.1|q1|PJSIP/100|ATTENDEDTRANSFER|LINK|PJSIP/100-01|PJSIP/200-02|6|80|2");
    CHECK(r.method == "LINK");
    CHECK(r.data_count == 6);
    CHECK(r.hold_s == 6);
    CHECK(r.talk_s == 80);
    CHECK(r.orig_position == 2);
}

TEST_CASE("queue_log parse: members, agents, callback variants, penalty, outcall, custom") {
    QueueLogRecord r = Parse("1600000000|MANAGER|q1|PJSIP/100|ADDMEMBER|PAUSED");
    CHECK(r.paused);
    r = Parse("1600000000|REALTIME|q1|PJSIP/100|ADDMEMBER|");
    CHECK_FALSE(r.paused);
    CHECK(Parse("1600000000|CLI|q1|PJSIP/100|REMOVEMEMBER|").event == QueueLogEvent::RemoveMember);
    r = Parse("1600000000|1600000000.7|NONE|Agent/1001|AGENTLOGIN|PJSIP/100-0001");
    CHECK(r.event == QueueLogEvent::AgentLogin);
    CHECK(r.text == "PJSIP/100-0001");
    r = Parse("1600003600|1600000000.7|NONE|Agent/1001|AGENTLOGOFF|PJSIP/100-0001|3600");
    CHECK(r.login_s == 3600);
    r = Parse("1341343643|1341343640.4|NONE|Agent/3001|AGENTCALLBACKLOGIN|1002@pcm-dev");
    CHECK(r.exten == "1002@pcm-dev");
    r = Parse("1341343686|NONE|NONE|Agent/3001|AGENTCALLBACKLOGOFF|1002@pcm-dev|43|CommandLogoff");
    CHECK(r.login_s == 43);
    CHECK(r.text == "CommandLogoff");
    CHECK(Parse("1600000000|NONE|q1|PJSIP/100|PENALTY|2").event == QueueLogEvent::Penalty);
    CHECK(Parse("1600000000|NONE|q1|PJSIP/100|RINGINUSE|1").event == QueueLogEvent::RingInUse);
    r = Parse("1600000000|1600000000.8|q1|PJSIP/100|OUTCALL|ANSWER|120|x");
    CHECK(r.talk_s == 120);
    CHECK(Parse("1600000000|1600000000.8|q1|PJSIP/100|AGENTDUMP|").event == QueueLogEvent::AgentDump);
    CHECK(Parse("1600000000|1600000000.8|q1|PJSIP/100|SYSCOMPAT|").event == QueueLogEvent::SysCompat);
    r = Parse("1717397390|1717397390.239830|1509|NONE|DID|");
    CHECK(r.event == QueueLogEvent::Custom);
    CHECK(r.event_name == "DID");
    r = Parse("1600000000|1600000000.9|q1|NONE|INFO|a|b|c");
    CHECK(r.event == QueueLogEvent::Custom);
    CHECK(r.text == "a|b|c");
}

TEST_CASE("queue_log parse: rejected lines say why") {
    QueueLogRecord r;
    CHECK(ParseQueueLogLine("", &r) == QueueLogStatus::Blank);
    CHECK(ParseQueueLogLine("  \r", &r) == QueueLogStatus::Blank);
    CHECK(ParseQueueLogLine("abc|NONE|NONE|NONE|QUEUESTART|", &r) == QueueLogStatus::BadTime);
    CHECK(ParseQueueLogLine("|NONE|NONE|NONE|QUEUESTART|", &r) == QueueLogStatus::BadTime);
    CHECK(ParseQueueLogLine("1600000000|NONE|NONE", &r) == QueueLogStatus::TooFewFields);
    CHECK(ParseQueueLogLine("1600000000|x|q|a||1", &r) == QueueLogStatus::BadEventName);
    CHECK(ParseQueueLogLine("1600000000|x|q|a|CONNECT|abc|1.2|3", &r) == QueueLogStatus::BadData);
    CHECK(ParseQueueLogLine(std::string_view("1600000000|x\0|q|a|CONNECT|1", 27), &r) == QueueLogStatus::BadEncoding);
    CHECK(ParseQueueLogLine("1600000000|x|q|\xff\xfe|CONNECT|1", &r) == QueueLogStatus::BadEncoding);
    CHECK(ParseQueueLogLine(std::string(kQueueLogMaxLineBytes + 1, '1'), &r) == QueueLogStatus::TooLong);
    CHECK(QueueLogStatusName(QueueLogStatus::BadTime) == "bad_time");
}

TEST_CASE("queue_log parse: realtime CSV with data1..data5, local time, LINK calltime|origpos in data5") {
    QueueLogCsvLayout layout;
    std::string error;
    REQUIRE(ParseQueueLogCsvHeader("id,time,callid,queuename,serverid,agent,event,data1,data2,data3,data4,data5",
                                   &layout, &error));
    CHECK(layout.time == 1);
    CHECK(layout.data_n[4] == 11);
    QueueLogCsvOptions opt;
    opt.tz_offset_min = 120;  // xivo-dao fixture: realtime time is local, 2 h after the callid epoch
    std::string scratch;
    QueueLogRecord r;
    // From wazo-platform/xivo-dao test_stat_dao.py (TestFillAnsweredCall).
    REQUIRE(ParseQueueLogCsvRow("1,2014-07-03 10:57:11.559080,1404377805.6457,swk_allemagne,,NONE,ENTERQUEUE,,00049242184770,1,,",
                                layout, opt, &scratch, &r) == QueueLogStatus::Ok);
    CHECK(r.t_ms == 1404377831559);  // 08:57:11.559 UTC
    CHECK(r.event == QueueLogEvent::EnterQueue);
    CHECK(r.caller_num == "00049242184770");
    CHECK(r.orig_position == 1);
    CHECK(r.data_count == 3);
    REQUIRE(ParseQueueLogCsvRow("2,2014-07-03 11:06:10.374302,1404377805.6457,swk_allemagne,,Agent/448,"
                                "ATTENDEDTRANSFER,LINK,SIP/a-1,SIP/b-2,8,\"531|1\"",
                                layout, opt, &scratch, &r) == QueueLogStatus::Ok);
    CHECK(r.method == "LINK");
    CHECK(r.hold_s == 8);
    CHECK(r.talk_s == 531);
    CHECK(r.orig_position == 1);
    CHECK(ParseQueueLogCsvRow("3,yesterday,1.2,q,,NONE,ABANDON,1,1,3,,", layout, opt, &scratch, &r) ==
          QueueLogStatus::BadTime);

    // Legacy single data column, ';' separated, with a quoted field.
    REQUIRE(ParseQueueLogCsvHeader("time;callid;queuename;agent;event;data", &layout, &error));
    CHECK(layout.separator == ';');
    opt.tz_offset_min = 0;
    REQUIRE(ParseQueueLogCsvRow("2022-05-02 22:49:47;1651531787.10;9;NONE;ENTERQUEUE;\"|7009|1\"", layout, opt,
                                &scratch, &r) == QueueLogStatus::Ok);
    CHECK(r.t_ms == 1651531787000);
    CHECK(r.caller_num == "7009");
    CHECK_FALSE(ParseQueueLogCsvHeader("time,callid,agent,event,data1", &layout, &error));
    CHECK(error == "header: missing column(s) queuename");
}

TEST_CASE("queue_log parse: times from 1970-01-01 up to 2100-01-01 (not included), as for the event API") {
    QueueLogRecord r;
    REQUIRE(ParseQueueLogLine("0|NONE|NONE|NONE|QUEUESTART|", &r) == QueueLogStatus::Ok);
    CHECK(r.t_ms == 0);
    REQUIRE(ParseQueueLogLine("917834400|c1|q1|NONE|ENTERQUEUE||5551|1", &r) == QueueLogStatus::Ok);  // 1999
    CHECK(r.t_ms == 917834400000);
    REQUIRE(ParseQueueLogLine("4102444799|NONE|NONE|NONE|QUEUESTART|", &r) == QueueLogStatus::Ok);
    CHECK(r.t_ms == 4102444799000);
    CHECK(ParseQueueLogLine("4102444800|NONE|NONE|NONE|QUEUESTART|", &r) == QueueLogStatus::BadTime);  // 2100
    CHECK(ParseQueueLogLine("32503680000|NONE|NONE|NONE|QUEUESTART|", &r) == QueueLogStatus::BadTime);
    CHECK(ParseQueueLogLine("-1|NONE|NONE|NONE|QUEUESTART|", &r) == QueueLogStatus::BadTime);

    QueueLogCsvLayout layout;
    std::string error, scratch;
    REQUIRE(ParseQueueLogCsvHeader("time,callid,queuename,agent,event,data1", &layout, &error));
    QueueLogCsvOptions opt;
    opt.tz_offset_min = 480;  // local time = UTC + 8 h
    REQUIRE(ParseQueueLogCsvRow("1999-02-01 08:00:00.250000,c1,q1,NONE,ENTERQUEUE,", layout, opt, &scratch, &r) ==
            QueueLogStatus::Ok);
    CHECK(r.t_ms == 917827200250);  // 1999-02-01T00:00:00.250Z
    REQUIRE(ParseQueueLogCsvRow("1970-01-01 08:00:00,c1,q1,NONE,ENTERQUEUE,", layout, opt, &scratch, &r) ==
            QueueLogStatus::Ok);
    CHECK(r.t_ms == 0);
    // 07:59:59 local is 1969-12-31T23:59:59Z; 2100-01-01 08:00 local is 2100-01-01T00:00Z.
    CHECK(ParseQueueLogCsvRow("1970-01-01 07:59:59,c1,q1,NONE,ENTERQUEUE,", layout, opt, &scratch, &r) ==
          QueueLogStatus::BadTime);
    CHECK(ParseQueueLogCsvRow("2100-01-01 08:00:00,c1,q1,NONE,ENTERQUEUE,", layout, opt, &scratch, &r) ==
          QueueLogStatus::BadTime);
    REQUIRE(ParseQueueLogCsvRow("2100-01-01 07:59:59,c1,q1,NONE,ENTERQUEUE,", layout, opt, &scratch, &r) ==
            QueueLogStatus::Ok);
    CHECK(ParseQueueLogCsvRow("4102444800,c1,q1,NONE,ENTERQUEUE,", layout, opt, &scratch, &r) == QueueLogStatus::BadTime);
}
