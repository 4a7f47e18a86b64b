// The broadcaster and SSE framing: frames are encoded once and shared; a client one step
// behind gets the delta, a client further behind gets a full snapshot, never a backlog.
#include <doctest/doctest.h>

#include <thread>
#include "core/snapshot_delta.h"
#include "core/snapshot_json.h"
#include "server/base/gzip.h"
#include "server/live/broadcaster.h"
#include "server/live/sse.h"
#include "server_test_util.h"

TEST_CASE("an SSE frame carries the publish time, event, id and data") {
    CHECK(cb::FormatSseFrame("delta", 42, "{\"a\":1}", 1767585600123) ==
          ": t=1767585600123\nevent: delta\nid: 42\ndata: {\"a\":1}\n\n");
    CHECK(cb::FormatSseFrame("snapshot", 7, "{\n}", 5) == ": t=5\nevent: snapshot\nid: 7\ndata: {\ndata: }\n\n");
    CHECK(cb::SseHeartbeat() == ": heartbeat\n\n");
}

TEST_CASE("publications share one encoding; deltas exist only one step from the previous version") {
    cb::Broadcaster broadcaster;
    CHECK(broadcaster.Current() == nullptr);
    broadcaster.Publish(cbtest::SmallCenter(1));
    auto first = broadcaster.Current();
    REQUIRE(first);
    CHECK(first->seq() == 1);
    CHECK(first->version() == 1);
    CHECK(first->DeltaFrameFrom(0) == nullptr);  // nothing before the first
    CHECK(first->Json().get() == first->Json().get());  // encoded once
    CHECK(*first->Json() == cb::SnapshotToJson(cbtest::SmallCenter(1)));

    broadcaster.Publish(cbtest::SmallCenter(2));
    auto second = broadcaster.Current();
    CHECK(second->seq() == 2);
    auto delta = second->DeltaFrameFrom(1);
    REQUIRE(delta);
    const std::string expected_json =
        cb::DeltaToJson(cb::MakeDelta(cbtest::SmallCenter(1), cbtest::SmallCenter(2)));
    CHECK(*delta == ": t=" + std::to_string(second->publish_ms()) + "\nevent: delta\nid: 2\ndata: " +
                        expected_json + "\n\n");
    CHECK(second->DeltaFrameFrom(0) == nullptr);  // a client two steps behind: full snapshot
    CHECK(second->FullFrame()->find("event: snapshot\nid: 2\ndata: {") != std::string::npos);

    std::string inflated;
    REQUIRE(cb::GzipInflate(*second->JsonGzip(), &inflated));
    CHECK(inflated == *second->Json());

    // A change of shape (a new agent) has no delta: clients get a full snapshot.
    cb::Snapshot bigger = cbtest::SmallCenter(3);
    bigger.directory.agents.push_back({"1003", "Zhang Wei", "张伟", 0, 1, 1, 30, 1});
    bigger.agents.emplace_back();
    broadcaster.Publish(bigger);
    CHECK(broadcaster.Current()->DeltaFrameFrom(2) == nullptr);
}

TEST_CASE("waiting wakes on publish and on shutdown") {
    cb::Broadcaster broadcaster;
    broadcaster.Publish(cbtest::SmallCenter(1));
    std::thread publisher([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        broadcaster.Publish(cbtest::SmallCenter(2));
    });
    auto newer = broadcaster.WaitNewer(1, std::chrono::seconds(10));
    publisher.join();
    CHECK(newer->seq() == 2);
    // Nothing newer: returns the current one after the timeout.
    CHECK(broadcaster.WaitNewer(2, std::chrono::milliseconds(10))->seq() == 2);
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        broadcaster.Shutdown();
    });
    broadcaster.WaitNewer(2, std::chrono::seconds(10));
    stopper.join();
    CHECK(broadcaster.is_shut_down());
}

TEST_CASE("stream slots are capped") {
    cb::Broadcaster broadcaster;
    broadcaster.set_max_streams(2);
    CHECK(broadcaster.TryOpenStream());
    CHECK(broadcaster.TryOpenStream());
    CHECK(!broadcaster.TryOpenStream());
    CHECK(broadcaster.open_streams() == 2);
    broadcaster.CloseStream();
    CHECK(broadcaster.TryOpenStream());
}
