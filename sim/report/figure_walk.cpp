#include "report/figure_walk.hpp"

namespace headroom {
namespace {

void walk(nlohmann::ordered_json& j, const std::string& key,
          const std::function<void(const std::string&, nlohmann::ordered_json&)>& visit) {
  const std::string prefix = key.empty() ? "" : key + ".";
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) walk(it.value(), prefix + it.key(), visit);
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) walk(j[i], prefix + std::to_string(i), visit);
  } else if (j.is_number()) {
    visit(key, j);
  }
}

}  // namespace

void for_each_number(nlohmann::ordered_json& doc,
                     const std::function<void(const std::string& key, nlohmann::ordered_json& value)>& visit) {
  walk(doc, "", visit);
}

}  // namespace headroom
