// Load curves (spec.md §2). Values are users (counts such as 10k) or, under `rate:`, requests per
// second (500/s, 30000/m); a curve is a number, {curve: KIND, ...}, or the {sum: [...]} shorthand.
#include <fmt/format.h>

#include "headroom/core/units.hpp"
#include "readers.hpp"

namespace headroom::yaml {
namespace {

using CurveKind = CurveSpec::Kind;

struct CurveReader {
  Reader& r;
  CurveUnit unit;
  const std::string& base_dir;

  std::optional<double> value(const Field& f) {
    return unit == CurveUnit::Rate ? r.rate(f) : r.count(f);
  }
  void set(const Field& f, double& out) {
    if (const auto v = value(f)) out = *v;
  }

  void base_and_peak(const MapReader& m, CurveSpec& c) {
    const auto base = value(m.get("base"));
    const auto peak = value(m.get("peak"));
    if (base) c.base = *base;
    if (peak) c.peak = *peak;
    if (base && peak && *peak < *base)
      r.error(m.get("peak"), fmt::format("peak ({}) is below base ({})", *peak, *base));
  }

  void steps(const MapReader& m, CurveSpec& c) {
    const auto items = r.list(m.get("steps"), "a list of [time, value] pairs");
    if (!items) return;
    if (items->empty()) r.error(m.get("steps"), "a step curve needs at least one [time, value]");
    for (const auto& item : *items) {
      if (!item.node.IsSequence() || item.node.size() != 2) {
        r.error(item, "expected [time, value], found " + describe(item.node));
        continue;
      }
      const auto t = r.duration(Field{true, item.node[0], index_path(item.path, 0)});
      const auto v = value(Field{true, item.node[1], index_path(item.path, 1)});
      if (!t || !v) continue;
      if (!c.points.empty() && *t < c.points.back().first)
        r.error(item, "steps must be in time order: " + format_duration(*t) + " comes after " +
                          format_duration(c.points.back().first));
      c.points.emplace_back(*t, *v);
    }
  }

  void terms(const Field& f, CurveSpec& c) {
    const auto items = r.list(f, "a list of curves");
    if (!items) return;
    if (items->empty()) r.error(f, "a sum needs at least one curve");
    for (const auto& item : *items)
      if (auto t = read(item)) c.terms.push_back(std::move(*t));
  }

  void keys(const std::string& kind, const MapReader& m, CurveSpec& c) {
    if (kind == "constant") {
      c.kind = CurveKind::Constant;
      set(m.get("value"), c.value);
    } else if (kind == "ramp") {
      c.kind = CurveKind::Ramp;
      set(m.get("from"), c.from);
      set(m.get("to"), c.to);
    } else if (kind == "step") {
      c.kind = CurveKind::Step;
      steps(m, c);
    } else if (kind == "diurnal") {
      c.kind = CurveKind::Diurnal;
      base_and_peak(m, c);
      if (const auto p = r.duration(m.get("period"), /*positive=*/true)) c.period = *p;
      if (const auto p = r.duration(m.get("peak_at"))) {
        c.peak_at = *p;
        if (*p >= c.period)
          r.error(m.get("peak_at"), "must be within the period (" + format_duration(c.period) +
                                        "), found " + format_duration(*p));
      }
    } else if (kind == "spike") {
      c.kind = CurveKind::Spike;
      base_and_peak(m, c);
      if (const auto d = r.duration(m.get("at"))) c.at = *d;
      if (const auto d = r.duration(m.get("rise"))) c.rise = *d;
      if (const auto d = r.duration(m.get("hold"))) c.hold = *d;
      if (const auto d = r.duration(m.get("decay"))) c.decay = *d;
    } else if (kind == "trace") {
      c.kind = CurveKind::Trace;
      const Field file = m.get("file");
      if (const auto name = r.name(file)) {
        c.file = resolve_path(base_dir, *name);
        read_trace_csv(r, file, c.file, unit, c);
      }
    } else if (kind == "sum") {
      c.kind = CurveKind::Sum;
      terms(m.get("terms"), c);
    }
  }

  std::optional<CurveSpec> read(const Field& f) {
    if (!f) return std::nullopt;
    CurveSpec c;
    c.loc = r.loc(f);
    const ParamRegistry& reg = scenario_registry();
    if (f.node.IsScalar()) {
      c.kind = CurveKind::Constant;
      const auto v = value(f);
      if (!v) return std::nullopt;
      c.value = *v;
      return c;
    }
    const std::string expected = unit == CurveUnit::Rate
                                     ? "a rate such as 500/s or a curve {curve: ...}"
                                     : "a number of users or a curve {curve: ...}";
    if (!f.node.IsMap()) {
      r.error(f, "expected " + expected + ", found " + describe(f.node));
      return std::nullopt;
    }
    const std::size_t errors_before = r.diagnostics().items().size();
    const SectionInfo& generic = reg.at("curve");
    if (f.node["curve"].IsDefined()) {
      const Field kind_field{true, f.node["curve"], child_path(f.path, "curve")};
      const auto kind = r.choice(kind_field, *generic.find("curve"));
      if (!kind) return std::nullopt;
      const MapReader m(r, f, reg.at("curve." + *kind));
      keys(*kind, m, c);
    } else if (f.node["sum"].IsDefined()) {
      const MapReader m(r, f, generic);
      c.kind = CurveKind::Sum;
      terms(m.get("sum"), c);
    } else {
      r.error(f, "expected " + expected +
                     ", found a map without 'curve:' (one of: constant, "
                     "ramp, step, diurnal, spike, trace, sum)");
      return std::nullopt;
    }
    if (r.diagnostics().items().size() != errors_before) return std::nullopt;
    return c;
  }
};

}  // namespace

std::optional<CurveSpec> read_curve(Reader& r, const Field& f, CurveUnit unit,
                                    const std::string& base_dir) {
  CurveReader reader{r, unit, base_dir};
  return reader.read(f);
}

}  // namespace headroom::yaml
