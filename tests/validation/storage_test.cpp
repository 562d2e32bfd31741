// A database's storage as a resource (sim/topology/volume.hpp, docs/storage.md, sources.md §2b):
// each query's I/Os queue FCFS for its instance's volume at ios × max(1/IOPS, bytes/throughput),
// then wait the device's latency.
#include <doctest/doctest.h>

#include <string>

#include "headroom/analysis/analytic.hpp"
#include "headroom/measure/figure_keys.hpp"
#include "headroom/run/simulate.hpp"
#include "support/loader.hpp"
#include "support/theory.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {

// One class of writes straight to a database whose CPU never queues (96 vCPUs, a deterministic
// 10 µs query), so that its volume is the only queue: gp3 below 400 GiB (20 GB), 3,000 IOPS.
std::string db_only(double rate, const std::string& io, const std::string& more = "", const std::string& duration = "6m") {
  return "duration: " + duration + "\nwarmup: 1m\nload: {rate: " + std::to_string(rate) +
         "}\nclient: {timeout: 60s}\ntraffic: [{name: w, share: 100%, path: [db.write]}]\n"
         "components:\n  db: {type: rds, instance: db.m5.24xlarge, max_connections: 2000,\n"
         "       query: {read: {mean: 10us, dist: deterministic}, write: {mean: 10us, dist: deterministic}},\n"
         "       io: " + io + more + "}\n";
}

const ComponentReport& comp(const Report& r, const std::string& name) {
  for (const auto& [n, c] : r.components)
    if (n == name) return c;
  FAIL("no " << name);
  return r.components[0].second;
}

Report run_text(const std::string& text, Fidelity f = Fidelity::Request) {
  RunOptions o;
  o.fidelity = f;
  return simulate(load(text), o);
}

}  // namespace

TEST_CASE("storage: a database whose only wall is its volume serves IOPS / (I/Os per query)") {
  // 3 I/Os per write on 3,000 IOPS: 1,000 writes a second; offered 1,500, the rest queue up to
  // the 2,000 connections (filled within 4 s) and are refused beyond. Over 5 measured minutes the
  // volume never idles once full, so the served rate is the closed form's within 2% (it is exact
  // but for the first seconds' ramp).
  const Report r = run_text(db_only(1500, "{write: 3, latency: 0ms}"));
  const double served = static_cast<double>(r.ok) / (r.scenario.duration_s - r.scenario.warmup_s);
  CHECK(served == doctest::Approx(1000).epsilon(0.02));
  const ComponentReport& db = comp(r, "db");
  CHECK(db.stat(ComponentStat::StorageUtilization) == doctest::Approx(1.0).epsilon(0.01));
  CHECK(db.stat(ComponentStat::StorageIops) == doctest::Approx(3000).epsilon(0.02));
  CHECK(db.stat(ComponentStat::StorageIopsProvisioned) == 3000);
  // analyze names the wall and puts it at 3,000 / 3 writes a second.
  const AnalyticReport a = analyze(load(db_only(1500, "{write: 3, latency: 0ms}")));
  CHECK(a.bottleneck == "db");
  CHECK(a.bottleneck_reason == "storage IOPS 3000");
  CHECK(a.saturation_rps == doctest::Approx(1000).epsilon(1e-9));
}

TEST_CASE("storage: below saturation a query's I/O time is M/D/1's sojourn (Pollaczek-Khinchine)") {
  // One I/O per write, deterministic 1/3000 s, Poisson arrivals (the 96 idle cores pass them on
  // unchanged): M/D/1 at rho = 2/3, sojourn 0.667 ms. 10 measured minutes are 1.2 million
  // queries; with M/D/1's autocorrelation at this load (relaxation ~ 1/(1-rho)^2 = 9 services)
  // the mean's relative standard error is well under 0.5%: 3% is six standard errors or more.
  const double lambda = 2000, mu = 3000;
  const Report r = run_text(db_only(lambda, "{write: 1, latency: 0ms}", "", "11m"));
  const double want_ms = theory::md1_mean_sojourn(lambda, mu) * 1e3;
  CHECK(comp(r, "db").stat(ComponentStat::StorageWaitMeanMs) == doctest::Approx(want_ms).epsilon(0.03));
  CHECK(comp(r, "db").stat(ComponentStat::StorageUtilization) == doctest::Approx(lambda / mu).epsilon(0.01));
  // The device's latency adds once per query, as pure delay.
  const Report slow = run_text(db_only(lambda, "{write: 1, latency: 2ms}", "", "11m"));
  CHECK(comp(slow, "db").stat(ComponentStat::StorageWaitMeanMs) == doctest::Approx(want_ms + 2).epsilon(0.02));
  // analyze's P-K for the same station.
  const AnalyticReport a = analyze(load(db_only(lambda, "{write: 1, latency: 0ms}")));
  CHECK(a.stations[0].storage_utilization == doctest::Approx(lambda / mu).epsilon(1e-9));
  CHECK(a.stations[0].latency_ms == doctest::Approx(want_ms + 0.01).epsilon(0.01));
}

TEST_CASE("storage: the hybrid engine agrees with the per-request run on a storage-bound database") {
  // 84% of gp3's 3,000 IOPS (1,400 queries a second, 90% writes at 2 I/Os): the volume binds
  // before the CPU. Rate-level and per-request utilisation within 3%; the I/O wait within 20%
  // (the hybrid samples P-K's mean with an exponential shape).
  const std::string text = db_only(1400, "{read: 0.05, write: 2, latency: 1ms}", "", "11m");
  const Report req = run_text(text), hy = run_text(text, Fidelity::Hybrid);
  const ComponentReport &a = comp(req, "db"), &b = comp(hy, "db");
  CHECK(a.stat(ComponentStat::StorageUtilization) == doctest::Approx(2800.0 / 3000).epsilon(0.02));
  CHECK(b.stat(ComponentStat::StorageUtilization) == doctest::Approx(a.stat(ComponentStat::StorageUtilization)).epsilon(0.03));
  CHECK(b.stat(ComponentStat::StorageWaitMeanMs) == doctest::Approx(a.stat(ComponentStat::StorageWaitMeanMs)).epsilon(0.2));
}

TEST_CASE("storage: the bill's provisioned IOPS and throughput against hand arithmetic") {
  // (Within 5 cents a month: a faster volume moves which requests finish inside the window, and
  // with them the few cents of per-request lines; the storage lines are hundreds of dollars.)
  const auto monthly = [](const std::string& more) {
    return run_text(db_only(100, "{write: 1}", more, "3m")).cost.monthly_usd;
  };
  // gp3 from 400 GiB includes 12,000 IOPS and 500 MiB/s; 20,000 and 600 bill 8,000 x $0.02 and
  // 100 x $0.08 a month, for each copy (primary and Multi-AZ standby: 2).
  const double base = monthly(", storage: 500GB, multi_az: true");
  const double extra = monthly(", storage: 500GB, multi_az: true, iops: 20000, storage_throughput: 600");
  CHECK(extra - base == doctest::Approx(2 * (8000 * 0.02 + 100 * 0.08)).epsilon(0.05 / 336));
  // io1: 200 GB x $0.125 + 5,000 IOPS x $0.10 against gp3's 200 GB x $0.115, one copy.
  const double gp3 = monthly(", storage: 200GB");
  const double io1 = monthly(", storage: 200GB, storage_type: io1, iops: 5000");
  CHECK(io1 - gp3 == doctest::Approx(200 * (0.125 - 0.115) + 5000 * 0.10).epsilon(0.05 / 502));
}

TEST_CASE("storage: RDS's ranges are enforced, with where and what") {
  const auto errs = [](const std::string& more) { return errors(db_only(10, "{write: 1}", more)); };
  CHECK(errs(", storage_type: io1").find("io1 storage needs its provisioned iops") != std::string::npos);
  const std::string ratio = errs(", storage: 200GB, storage_type: io1, iops: 60000");
  CHECK(ratio.find("io1 takes 1 to 50 IOPS per GiB") != std::string::npos);
  CHECK(ratio.find("scenario.yaml:") != std::string::npos);
  CHECK(errs(", iops: 5000").find("gp3 below 400GiB has 3000 IOPS") != std::string::npos);
  CHECK(errs(", storage: 500GB, iops: 70000").find("gp3 from 400GiB takes 12000 to 64000 IOPS") != std::string::npos);
  CHECK(errs(", iops: 300").find("components.db.iops") != std::string::npos);
  CHECK(errs(", storage_type: io3").find("did you mean") != std::string::npos);
  CHECK(errs(", storage_typ: io1").find("storage_type") != std::string::npos);
  CHECK(errors(db_only(10, "{wrte: 2}")).find("did you mean 'write'") != std::string::npos);
  CHECK(errors(db_only(10, "{write: 5000}")).find("at most 1000 I/Os per query") != std::string::npos);
}

TEST_CASE("storage: a database on the day-one box does its I/O on the box's ebs volume") {
  const std::string text = R"(duration: 3m
warmup: 1m
load: {rate: 50}
traffic: [{name: w, share: 100%, path: [box, db.write]}]
components:
  box: {type: ec2, instance: m5.large, count: 1, cpu: 1ms}
  disk: {type: ebs, attach: box, size: 30GB, iops: 6000}
  db: {type: rds, host: box, io: {write: 2}}
)";
  const Report r = run_text(text);
  CHECK(comp(r, "db").stat(ComponentStat::StorageIopsProvisioned) == 6000);
  CHECK(comp(r, "db").stat(ComponentStat::StorageIops) == doctest::Approx(100).epsilon(0.1));
  // Its storage keys are the volume's: set on the ebs component.
  CHECK(errors(std::string(text).replace(text.find("io: {write: 2}"), 14, "iops: 6000"))
            .find("uses its host's disk") != std::string::npos);
}

TEST_CASE("storage: a database that dies voids its volume's queue and serves again once recovered") {
  // The volume-bound database of the first case (1,000 writes a second served of 1,500, its
  // volume's queue full) dies at 3 min and is back 1 min later: what waited for the volume fails
  // with the fault, and the volume starts afresh — 1,000 a second again, so the 5 measured
  // minutes serve all but the time it was down. A volume left busy by the death would serve
  // nothing after it.
  const Report r = run_text(db_only(1500, "{write: 3, latency: 0ms}", ", recovery_time: 1m") +
                       "faults: [{at: 3m, kill: db}]\n");
  REQUIRE(r.faults.size() == 1);
  INFO("ok ", r.ok, ", failed at the fault ", r.faults[0].failed_requests, ", recovered at ", r.faults[0].recovered_s, " s");
  const double down_s = r.faults[0].recovered_s - r.faults[0].at_s;
  CHECK(down_s == doctest::Approx(60));  // recovery_time: 1m is exact (a bare fault timing)
  CHECK(r.faults[0].failed_requests >= 1000);  // at least the queue that waited for the volume
  // 1,000 a second over the measured 300 s but its time down (the queue's refill is within 2%).
  CHECK(static_cast<double>(r.ok) == doctest::Approx(1000 * (300 - down_s)).epsilon(0.02));
}
