#include "measure/report_walk.hpp"

#include <cmath>
#include <utility>

#include "headroom/scenario/slo_metrics.hpp"

namespace headroom {
namespace {

constexpr FigureTraits kNeutral{FigureUnit::Count, Better::Neither};
constexpr FigureTraits kLostCount{FigureUnit::Count, Better::Lower};
constexpr FigureTraits kShareLost{FigureUnit::Fraction, Better::Lower};
constexpr FigureTraits kSeconds{FigureUnit::Seconds, Better::Neither};
constexpr FigureTraits kSeed{FigureUnit::Seed, Better::Neither};
constexpr FigureTraits kInstances{FigureUnit::Instances, Better::Neither};
constexpr FigureTraits kCost{FigureUnit::Usd, Better::Lower};
constexpr FigureTraits kLatency{FigureUnit::Milliseconds, Better::Lower};

class Walker {
 public:
  explicit Walker(ReportSink& sink) : sink_(sink) {}

  template <class Body>
  void object(std::string_view key, Body&& body) {
    nest(key, false, std::forward<Body>(body));
  }
  template <class Body>
  void array(std::string_view key, Body&& body) {
    nest(key, true, std::forward<Body>(body));
  }
  void real(std::string_view key, double v, FigureTraits t) {
    ReportNumber n;
    n.real = v;
    sink_.number(key, child(key), n, t);
  }
  void count(std::string_view key, std::uint64_t v, FigureTraits t) {
    ReportNumber n;
    n.kind = ReportNumber::Kind::Unsigned;
    n.count = v;
    sink_.number(key, child(key), n, t);
  }
  void integer(std::string_view key, std::int64_t v, FigureTraits t) {
    ReportNumber n;
    n.kind = ReportNumber::Kind::Signed;
    n.integer = v;
    sink_.number(key, child(key), n, t);
  }
  /// A moment that may never have come (NaN): null in JSON.
  void time(std::string_view key, double v) {
    if (std::isnan(v)) sink_.null(key);
    else real(key, v, kSeconds);
  }
  void text(std::string_view key, const std::string& v) { sink_.text(key, v); }
  void flag(std::string_view key, bool v) { sink_.flag(key, v); }

  /// A latency block: the SLO's latency metrics, in their order.
  void latency(std::string_view key, const LatencySummary& s) {
    object(key, [&] {
      for (const SloMetric& m : slo_metrics())
        if (m.latency) real(m.name, latency_figure(s, m.id), kLatency);
    });
  }

 private:
  std::string child(std::string_view key) const {
    std::string p = path_;
    if (!p.empty()) p += '.';
    p += key;
    return p;
  }
  template <class Body>
  void nest(std::string_view key, bool is_array, Body&& body) {
    sink_.open(key, is_array);
    std::string saved = std::exchange(path_, child(key));
    body();
    path_ = std::move(saved);
    sink_.close();
  }

  ReportSink& sink_;
  std::string path_;
};

std::string index(std::size_t i) { return std::to_string(i); }

}  // namespace

void walk_report(const Report& r, ReportSink& sink) {
  Walker w(sink);
  w.text("schema", "headroom.report/1");
  w.text("version", r.version);
  w.flag("partial", r.partial);
  if (r.partial) w.text("stop_reason", r.stop_reason);
  w.object("scenario", [&] {
    w.text("name", r.scenario.name);
    w.text("file", r.scenario.file);
    w.count("seed", r.scenario.seed, kSeed);
    w.real("duration_s", r.scenario.duration_s, kSeconds);
    w.real("warmup_s", r.scenario.warmup_s, kSeconds);
  });
  w.object("load", [&] {
    constexpr FigureTraits kUsers{FigureUnit::Users, Better::Neither};
    w.text("users_are", r.load.by_rate ? "none: the load is a request rate" : "concurrently active users, one request per think time");
    w.real("peak_requests_per_s", r.load.peak_requests_per_s, {FigureUnit::PerSecond, Better::Neither});
    if (r.load.by_rate) return;
    w.real("peak_concurrent_users", r.load.peak_concurrent, kUsers);
    w.real("think_time_s", r.load.think_time_s, kSeconds);
    w.real("daily_active_users", r.load.daily_active, kUsers);
    w.real("monthly_active_users", r.load.monthly_active, kUsers);
    w.real("peak_to_mean", r.load.peak_to_mean, kNeutral);
    w.real("daily_active_per_concurrent", r.load.daily_active_per_concurrent, kNeutral);
  });
  w.object("requests", [&] {
    w.count("offered", r.offered, kNeutral);
    w.count("completed", r.completed, kNeutral);
    w.count("ok", r.ok, {FigureUnit::Count, Better::Higher});
    w.count("failed", r.errors.total(), kLostCount);
    w.real("error_rate", r.error_rate, kShareLost);
    w.object("errors", [&] {
      w.count("rejected", r.errors.rejected, kLostCount);
      w.count("timeout", r.errors.timeout, kLostCount);
      w.count("unavailable", r.errors.unavailable, kLostCount);
      w.count("throttled", r.errors.throttled, kLostCount);
      w.count("failed", r.errors.failed, kLostCount);
      w.count("server_error", r.errors.server_error, kLostCount);
    });
    w.count("attempts", r.attempts, kNeutral);
  });
  w.latency("latency_ms", r.latency_ms);
  w.object("classes", [&] {
    // Through a named reference: lambdas capture structured bindings only from C++20 on, and
    // clang 14 (the fuzz build) does not yet.
    for (const auto& [name, cls] : r.classes)
      w.object(name, [&, &c = cls] {
        w.count("requests", c.requests, kNeutral);
        w.real("error_rate", c.error_rate, kShareLost);
        w.latency("latency_ms", c.latency_ms);
      });
  });
  w.object("components", [&] {
    for (const auto& [name, comp] : r.components)
      w.object(name, [&, &c = comp] {
        w.text("type", c.type);
        w.real("throughput_rps", c.throughput_rps, {FigureUnit::PerSecond, Better::Neither});
        w.real("utilization", c.utilization, kShareLost);
        w.latency("latency_ms", c.latency_ms);
        w.object("instances", [&] {
          w.real("min", c.instances_min, kInstances);
          w.real("mean", c.instances_mean, kInstances);
          w.real("max", c.instances_max, kInstances);
        });
        w.count("errors", c.errors, kLostCount);
        for (const auto& [stat, v] : c.stats) w.real(stat_info(stat).name, v, stat_info(stat).traits);
        if (c.has_freshness) w.latency("freshness_ms", c.freshness_ms);
        if (c.series_kind != ComponentSeries::None) {
          const ComponentStatInfo& s = series_info(c.series_kind);
          w.array(s.name, [&] {
            for (std::size_t i = 0; i < c.series.size(); ++i) w.real(index(i), c.series[i], s.traits);
          });
        }
      });
  });
  w.array("faults", [&] {
    for (std::size_t i = 0; i < r.faults.size(); ++i)
      w.object(index(i), [&] {
        const FaultReport& f = r.faults[i];
        w.text("kind", f.kind);
        w.text("target", f.target);
        w.time("at_s", f.at_s);
        w.time("detected_s", f.detected_s);
        w.time("recovered_s", f.recovered_s);
        w.time("restored_s", f.restored_s);
        w.count("failed_requests", f.failed_requests, kLostCount);
        // Every request the fault cost, estimated (FaultReport::excess_failed), and how.
        w.real("excess_failed", f.excess_failed, kLostCount);
        w.time("window_end_s", f.window_end_s);
        w.real("baseline_failures_per_s", f.baseline_per_s, kNeutral);
        w.text("attribution", "failed_requests: exact, failed at the fault; excess_failed: estimate, the failures in "
                              "[at_s, window_end_s] counted to this fault (blamed on it, or on no fault while it "
                              "was the earliest open) minus baseline_failures_per_s times the part of the window "
                              "no earlier fault's covered");
        if (f.promotions.empty()) return;  // only caches with replicas fail over
        w.array("promotions", [&] {
          for (std::size_t k = 0; k < f.promotions.size(); ++k)
            w.object(index(k), [&] {
              const PromotionReport& p = f.promotions[k];
              w.text("component", p.component);
              w.count("shard", static_cast<std::uint64_t>(p.shard), kNeutral);
              w.text("az", p.az);
              w.time("at_s", p.at_s);
            });
        });
      });
  });
  w.array("scaling", [&] {
    for (std::size_t i = 0; i < r.scaling.size(); ++i)
      w.object(index(i), [&] {
        const ScalingReport& e = r.scaling[i];
        w.text("component", e.component);
        w.real("at_s", e.at_s, kSeconds);
        w.integer("from", e.from, kInstances);
        w.integer("to", e.to, kInstances);
        w.text("reason", e.reason);
      });
  });
  w.real("availability", r.availability, {FigureUnit::Fraction, Better::Higher});
  w.object("cost", [&] {
    w.real("period_usd", r.cost.period_usd, kCost);
    w.real("monthly_usd", r.cost.monthly_usd, kCost);
    w.text("projection", r.cost.projection);
    w.object("by_service", [&] {
      for (const auto& [k, v] : r.cost.by_service) w.real(k, v, kCost);
    });
    w.object("by_component", [&] {
      for (const auto& [k, v] : r.cost.by_component) w.real(k, v, kCost);
    });
    w.real("spot_savings_usd", r.cost.spot_savings_usd, {FigureUnit::Usd, Better::Higher});
  });
  w.object("slo", [&] {
    w.flag("met", r.slo_met);
    // A partial run's checks cover sim.covered only; its verdict is partial, never met.
    if (r.partial) w.flag("partial", true);
    w.array("checks", [&] {
      for (std::size_t i = 0; i < r.slo_checks.size(); ++i)
        w.object(index(i), [&] {
          const SloCheck& c = r.slo_checks[i];
          const SloMetric* m = find_slo_metric(c.metric);
          const FigureUnit unit = !m ? FigureUnit::Count : m->latency ? FigureUnit::Milliseconds : FigureUnit::Fraction;
          w.text("metric", c.metric);
          w.real("limit", c.limit, {unit, Better::Neither});
          w.real("value", c.value, {unit, m && m->floor ? Better::Higher : Better::Lower});
          w.flag("met", c.met);
          if (!c.cls.empty()) w.text("class", c.cls);
          if (!c.binding) w.flag("binding", false);
        });
    });
    // Each class's verdict: every one of its checks held.
    w.object("classes", [&] {
      std::vector<std::pair<std::string, bool>> verdicts;
      for (const SloCheck& c : r.slo_checks) {
        if (c.cls.empty()) continue;
        if (verdicts.empty() || verdicts.back().first != c.cls) verdicts.emplace_back(c.cls, true);
        verdicts.back().second = verdicts.back().second && c.met;
      }
      for (const auto& [name, met] : verdicts) w.object(name, [&, is_met = met] { w.flag("met", is_met); });
    });
  });
  w.object("littles_law", [&] {
    w.real("in_flight_mean", r.little.in_flight_mean, kInstances);
    w.real("arrival_rate", r.little.arrival_rate, {FigureUnit::PerSecond, Better::Neither});
    w.real("time_in_system_s", r.little.time_in_system_s, {FigureUnit::Seconds, Better::Lower});
    w.real("relative_error", r.little.relative_error, kShareLost);
  });
  w.object("provenance", [&] {
    w.text("version", r.provenance.version);
    w.count("seed", r.provenance.seed, kSeed);
    w.object("catalog", [&] {
      w.text("region", r.provenance.catalog_region);
      w.text("date", r.provenance.catalog_date);
    });
  });
  w.object("sim", [&] {
    w.count("events", r.sim.events, kNeutral);
    w.real("wall_s", r.sim.wall_s, kSeconds);
    w.real("events_per_s", r.sim.events_per_s, {FigureUnit::PerSecond, Better::Neither});
    w.count("peak_in_flight", r.sim.peak_in_flight, kInstances);
    w.text("fidelity", r.sim.fidelity);
    w.text("fidelity_reason", r.sim.fidelity_reason);
    if (r.partial) {
      w.flag("partial", true);
      w.array("covered", [&] {
        w.real("0", r.sim.covered.first, kSeconds);
        w.real("1", r.sim.covered.second, kSeconds);
      });
    }
    w.array("zoom", [&] {
      for (std::size_t i = 0; i < r.sim.zoom.size(); ++i)
        w.array(index(i), [&] {
          w.real("0", r.sim.zoom[i].first, kSeconds);
          w.real("1", r.sim.zoom[i].second, kSeconds);
        });
    });
  });
}

}  // namespace headroom
