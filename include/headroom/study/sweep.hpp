#pragma once
/// A sweep (spec.md §9, docs/scaling-out.md): a scenario run at every point of a declared space
/// (each point a set of `--set PATH=VALUE` overrides) under several seeds, every report figure
/// summarised per point as its mean and 95% interval over the seeds.
///
/// The unit of work is one job, (point, seed) for a sweep. Jobs are numbered; a shard K/N takes
/// the jobs whose number is K modulo N, so any job-array system runs a sweep unchanged. A job's
/// result is a JobRecord: the figures of its one run as exact doubles (the percentiles were
/// computed from that run's own histograms by whoever ran it). Results are assembled by job
/// number and summarised from the records alone, so one process, N threads, N shards merged or
/// N MPI ranks give the same bytes.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "headroom/core/diagnostics.hpp"
#include "headroom/measure/report.hpp"
#include "headroom/scenario/sweep_parameter.hpp"
#include "headroom/study/confidence.hpp"

namespace headroom {

/// The space: the scenario, its parameters (the points are their Cartesian product, the first
/// parameter varying slowest) and the seeds every point runs under.
struct SweepSpace {
  std::string scenario;  ///< the scenario file
  std::vector<SweepParameter> parameters;
  std::vector<std::uint64_t> seeds;
  std::size_t points() const;
  /// The values of point `i`, one per parameter.
  std::vector<std::string> point(std::size_t i) const;
};

/// A deterministic subset of the jobs: those whose number is `k` modulo `n`.
struct Shard {
  int k = 0, n = 1;
  bool owns(std::size_t job) const { return static_cast<int>(job % static_cast<std::size_t>(n)) == k; }
  bool whole() const { return n == 1; }
  std::string str() const;  ///< "K/N"
};

/// "K/N" with 0 ≤ K < N; throws InputError naming `--shard` for anything else.
Shard parse_shard(const std::string& text);

/// The result of one job.
struct JobRecord {
  bool done = false;  ///< false for a job another shard owns
  /// Every figure of the run (for_each_figure) except seeds and `sim.*` (wall time is not a
  /// result), in the report's order, or what the job chose to record.
  std::vector<std::pair<std::string, double>> figures;
  std::vector<SloCheck> slo;
  bool partial = false;
  std::string note;  ///< free text a job may add (a fault verdict's detail)
};

/// A run a signal cut short (or never started): not done, whoever ran it (a thread, a rank).
inline bool cut_short(const JobRecord& r) { return r.partial && r.note == "interrupted"; }

/// The record of one simulated report.
JobRecord record_of(const Report& r);

/// A record as one line of JSON and back: doubles print as their shortest exact form, so the
/// round trip gives the same bits.
std::string record_json(const JobRecord& r);
JobRecord parse_record(const std::string& text);

/// Runs job(i) for every i < count that `shard` owns, `threads` at a time; records by number.
using JobFn = std::function<JobRecord(std::size_t)>;
std::vector<JobRecord> run_jobs(std::size_t count, const Shard& shard, int threads, const JobFn& job);

/// One point's summary.
struct SweepPoint {
  std::vector<std::string> values;           ///< one per parameter
  std::map<std::string, Interval> figures;   ///< every figure present under every seed
  std::vector<SloCheck> slo;                 ///< each clause judged on the mean over seeds
  bool slo_met = true;
  bool partial = false;                      ///< a run of the point stopped early
};

/// The summary of one point's runs (one record per seed, in seed order): each figure's interval,
/// each SLO clause judged on its mean (as --replications does). `values` is left empty.
SweepPoint summarise_runs(const std::vector<const JobRecord*>& runs);

/// Point p's summary, its `values` set, from its records (job p·S + s is point p under seed s);
/// every one of them done.
SweepPoint summarise_point(const SweepSpace& space, const std::vector<JobRecord>& records, std::size_t p);

/// The points of a complete set of records (job p·S + s is point p under seed s).
std::vector<SweepPoint> summarise_sweep(const SweepSpace& space, const std::vector<JobRecord>& records);

/// The points not dominated in (cost.monthly_usd, latency_ms.p99), both lower is better, in
/// increasing cost; points without both figures are left out.
std::vector<std::size_t> pareto_front(const std::vector<SweepPoint>& points);

/// A sweep's result as files: the space, the records (all jobs, or a shard's) and, when every
/// job is done, the points and the Pareto front.
struct SweepResult {
  std::string kind = "sweep";  ///< "sweep", or "optimize" for optimize's jobs
  SweepSpace space;
  Shard shard;
  std::vector<JobRecord> records;
  /// Anything else the producer needs to finish the result from the records (optimize's
  /// constraints), kept as JSON text and copied through merges unchanged.
  std::string context_json;
  /// The signal that interrupted the run ("SIGINT", "SIGTERM"; "" when nothing did): the CSV,
  /// Markdown and HTML then summarise the points whose every seed ran, say "partial: N of M
  /// points, interrupted by SIGINT" and list the points not run (issue 16).
  std::string interrupted_by;
  bool complete() const;
};

/// The `--json` document (schema headroom.sweep/1): docs/scaling-out.md gives its keys.
std::string sweep_json(const SweepResult& r);
/// Reads one; throws InputError naming `file` when it is not one.
SweepResult read_sweep_json(const std::string& text, const std::string& file);
/// Combines shards of one sweep into the whole: the same space, every job exactly once (a job
/// in two files must have the same record). Throws InputError otherwise.
SweepResult merge_sweeps(const std::vector<SweepResult>& parts, const std::vector<std::string>& files);

/// The point numbers not whole (some seed not run), in order.
std::vector<std::size_t> points_not_whole(const SweepResult& r);

/// One row per point: the parameters, then mean, low and high of every figure; an interrupted
/// sweep's CSV has a row for every point and a last column `status`: `done`, or `not run
/// (SIGINT)` with the figures empty.
std::string sweep_csv(const SweepResult& r);
/// A Markdown table of the key figures per point (p50, p99, error rate, throughput, cost, SLO).
std::string sweep_markdown(const SweepResult& r);
/// A self-contained HTML page: each key figure against the swept parameters, the cost/p99 plane
/// with its Pareto front, and the table.
std::string sweep_html(const SweepResult& r);

}  // namespace headroom
