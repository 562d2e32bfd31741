// What several readers share: a hop of a path (`web`, `db.read`), and a stream's consumer
// settings (a data stream's, a table's change stream's). Each component kind reads its
// own keys (sim/components/<kind>.cpp).
#include "headroom/core/units.hpp"
#include "readers.hpp"

namespace headroom::yaml {

std::optional<HopSpec> read_hop(Reader& r, const Field& f) {
  const auto text = r.scalar(f, "a hop such as web or db.read");
  if (!text) return std::nullopt;
  HopSpec hop;
  hop.loc = r.loc(f);
  const std::size_t dot = text->find('.');
  hop.component = text->substr(0, dot);
  if (dot != std::string::npos) hop.op = text->substr(dot + 1);
  if (hop.component.empty() || (dot != std::string::npos && hop.op.empty())) {
    r.error(f, "expected a hop such as web or db.read, found '" + *text + "'");
    return std::nullopt;
  }
  return hop;
}

std::optional<ConsumerSpec> read_consumer(Reader& r, const MapReader& m, const char* consumer_key) {
  if (!m.has(consumer_key)) {
    for (const char* key : {"batch_size", "batch_window"})
      if (m.has(key))
        r.error(m.get(key), std::string(key) + " goes with " + consumer_key +
                                ": (the lambda that polls the stream)");
    return std::nullopt;
  }
  ConsumerSpec c;
  c.loc = r.loc(m.get(consumer_key));
  if (auto v = r.name(m.get(consumer_key))) c.function = *v;
  // Event source mappings: batch size 1-10,000 for either kind of stream, batching
  // window 0-300 s (Lambda developer guide, "Lambda event source mappings").
  if (auto v = r.integer(m.get("batch_size"), 1, 10000)) c.batch_size = static_cast<int>(*v);
  if (auto v = r.duration(m.get("batch_window"))) {
    if (*v > 300 * kSecond)
      r.error(m.get("batch_window"), "must be at most 300s (Lambda's maximum batching window), found " +
                                         format_duration(*v));
    else
      c.window = *v;
  }
  return c;
}

}  // namespace headroom::yaml
