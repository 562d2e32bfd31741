// The engine's speed, measured: an M/M/1 at rho = 0.8 for 4 simulated hours through the full
// model (simulate()), against a bare hand-written binary-heap M/M/1 loop doing the same work
// (exponential variates, (time, seq) heap, FIFO, latency histogram). Prints events/s,
// requests/s and peak memory; run lengths of 15 min and 4 h show memory does not grow with the
// number of requests simulated.  Usage: bench_mm1 [HOURS]
#include <fmt/format.h>
#include <sys/resource.h>

#include <ctime>
#include <cstdlib>
#include <deque>
#include <queue>
#include <vector>

#include "headroom/core/random.hpp"
#include "headroom/run/simulate.hpp"
#include "headroom/measure/histogram.hpp"

using namespace headroom;

namespace {

constexpr double kLambda = 800, kMu = 1000;  // rho = 0.8

/// CPU time of this thread: steadier than wall time when other work shares the machine.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

ScenarioSpec mm1(Duration duration) {
  ScenarioSpec s;
  s.name = "bench: M/M/1 rho 0.8";
  s.duration = duration;
  s.network.same_az = s.network.cross_az = 0;
  s.load.by_rate = true;
  s.load.curve.value = kLambda;
  Ec2Spec e;
  // One vCPU at full speed: a t2 is burstable and throttles to 10% once its credits are spent,
  // which turned the 4-hour run into an overloaded queue (sources.md §1b).
  e.instance = "c7g.medium";
  e.cpu.mean = from_seconds(1 / kMu);
  e.workers = 1;
  e.queue = 1'000'000'000;
  s.components.push_back(ComponentSpec{"server", "ec2", e, {}});
  s.traffic.push_back(ClassSpec{"all", 1.0, {HopSpec{"server", "", {}}}, 0, 1000, {}});
  return s;
}

struct BareEvent {
  SimTime time;
  std::uint64_t seq;
  int kind;
  bool operator>(const BareEvent& o) const { return time > o.time || (time == o.time && seq > o.seq); }
};

/// The reference: the least code that simulates the same M/M/1 and measures the same latencies.
void bare_loop(Duration duration) {
  std::priority_queue<BareEvent, std::vector<BareEvent>, std::greater<>> heap;
  Rng arrivals(1), service(2);
  Histogram h;
  std::deque<SimTime> waiting;  // arrival times, FIFO
  std::uint64_t seq = 0, events = 0, done = 0;
  bool busy = false;
  auto exp_ns = [](Rng& r, double rate) { return static_cast<Duration>(r.exp1() / rate * 1e9); };
  const double t0 = cpu_seconds();
  heap.push({exp_ns(arrivals, kLambda), seq++, 0});
  SimTime in_service_since = 0;
  while (!heap.empty() && heap.top().time <= duration) {
    const BareEvent e = heap.top();
    heap.pop();
    ++events;
    if (e.kind == 0) {
      heap.push({e.time + exp_ns(arrivals, kLambda), seq++, 0});
      waiting.push_back(e.time);
      if (!busy) {
        busy = true;
        in_service_since = waiting.front();
        heap.push({e.time + exp_ns(service, kMu), seq++, 1});
      }
    } else {
      h.record(e.time - waiting.front());
      (void)in_service_since;
      waiting.pop_front();
      ++done;
      if (!waiting.empty()) heap.push({e.time + exp_ns(service, kMu), seq++, 1});
      else busy = false;
    }
  }
  const double wall = cpu_seconds() - t0;
  fmt::print("  bare binary-heap loop   {:>6.2f} M events/s  {:>6.2f} M requests/s  mean {:.3f} ms  ({:.2f} s CPU)\n",
             static_cast<double>(events) / wall / 1e6, static_cast<double>(done) / wall / 1e6, h.mean() / 1e6, wall);
}

void full_model(Duration duration, const char* label) {
  const double t0 = cpu_seconds();
  const Report r = simulate(mm1(duration));
  const double cpu = cpu_seconds() - t0;
  fmt::print("  headroom full model {:<4} {:>6.2f} M events/s  {:>6.2f} M requests/s  mean {:.3f} ms  ({:.2f} s CPU, "
             "{} requests, peak RSS {:.1f} MiB)\n",
             label, static_cast<double>(r.sim.events) / cpu / 1e6, static_cast<double>(r.completed) / cpu / 1e6,
             r.latency_ms.mean, cpu, r.completed, peak_rss_mib());
}

}  // namespace

int main(int argc, char** argv) {
  const double hours = argc > 1 ? std::atof(argv[1]) : 4.0;
  const Duration run = from_seconds(hours * 3600);
  fmt::print("M/M/1, rho = 0.8 (lambda {}/s, mu {}/s), theory mean sojourn {:.3f} ms, one core\n", kLambda, kMu,
             1e3 / (kMu - kLambda));
  full_model(15 * kMinute, "15m");
  const double rss_short = peak_rss_mib();
  bare_loop(run);
  full_model(run, fmt::format("{:g}h", hours).c_str());
  fmt::print("  peak RSS after the 15-minute run {:.1f} MiB, after the {:g}-hour run {:.1f} MiB\n", rss_short, hours,
             peak_rss_mib());
  return 0;
}
