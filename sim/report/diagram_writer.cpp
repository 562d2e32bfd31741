// The topology as Graphviz DOT and as a Mermaid flowchart. A component with instances in several
// AZs gets one node per AZ, inside that AZ's cluster; regional services and the clients stand
// outside. An edge joins every placement of one side to every one of the other (the ALB is
// cross-zone), labelled once. A database's requests are drawn to its primary; its standby and
// replicas hang off it by dashed lines (reads may go to the replicas: `reads_from`).
#include <fmt/format.h>

#include "headroom/core/printable.hpp"
#include "headroom/report/graph.hpp"

namespace headroom {
namespace {

/// A node's DOT/Mermaid id: its letters and digits, readable, then — when the name held anything
/// else (a name is any printable Unicode) — a hash of the whole, so that "a-b" and "a_b" stay two
/// nodes. Deterministic: FNV-1a, not std::hash.
std::string id_of(const std::string& name, const std::string& az, const std::string& role) {
  std::string out = "n_";
  bool lossy = false;
  for (char c : name + (az.empty() ? "" : "_" + az) + (role.empty() ? "" : "_" + role))
    out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  for (const auto& part : {name, az, role})
    for (char c : part) lossy = lossy || std::isalnum(static_cast<unsigned char>(c)) == 0;
  if (!lossy) return out;
  std::uint32_t h = 2166136261u;
  for (char c : name + '\0' + az + '\0' + role) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return out + fmt::format("_{:08x}", h);
}

struct Box {
  std::string id, az, label;
  bool serving = true;
};

/// Every box of a node: one per placement, or one outside the clusters.
std::vector<Box> boxes(const TopologyNode& n) {
  std::vector<Box> out;
  const std::string head = n.type == "clients" ? "clients" : n.name + " (" + n.type + ")";
  if (n.placements.empty()) out.push_back({id_of(n.name, "", ""), "", head + (n.detail.empty() ? "" : "\n" + n.detail)});
  for (const auto& p : n.placements) {
    std::string label = head + (p.role.empty() ? "" : " " + p.role);
    if (p.role.empty() && !n.detail.empty()) label += "\n" + n.detail;
    out.push_back({id_of(n.name, p.az, p.role), p.az, label, p.role.empty()});
  }
  return out;
}

const TopologyNode* find(const TopologyGraph& g, const std::string& name) {
  for (const auto& n : g.nodes)
    if (n.name == name) return &n;
  return nullptr;
}

/// A DOT quoted string: `"` and `\\` escaped, a line break as DOT's own `\\n`; any other control
/// character (rejected at load, but a writer does not rely on that) shown as text.
std::string dot_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') out += "\\n";
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) out += visible(std::string(1, c));
    else out += c;
  }
  return out + "\"";
}

/// Text inside a Mermaid `["..."]` label: Mermaid's entity codes for what it would read as syntax
/// (`"`, `#` which starts a code, `<` `>` which it renders as HTML, the backtick which starts
/// Markdown), `<br/>` for a line break, other control characters shown as text.
std::string mermaid_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"') out += "#quot;";
    else if (c == '#') out += "#35;";
    else if (c == '<') out += "#lt;";
    else if (c == '>') out += "#gt;";
    else if (c == '`') out += "#96;";
    else if (c == '\n') out += "<br/>";
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) out += visible(std::string(1, c));
    else out += c;
  }
  return out;
}

/// The edges to draw: (from box, to box, label or "", dashed).
struct Line {
  std::string from, to, label;
  bool dashed = false;
};

std::vector<Line> lines(const TopologyGraph& g) {
  std::vector<Line> out;
  for (const auto& e : g.edges) {
    const TopologyNode* a = find(g, e.from);
    const TopologyNode* b = find(g, e.to);
    if (!a || !b) continue;
    bool first = true;
    for (const Box& x : boxes(*a))
      for (const Box& y : boxes(*b))
        if (x.serving && y.serving) {
          out.push_back({x.id, y.id, first ? e.label : "", e.miss});
          first = false;
        }
  }
  for (const auto& n : g.nodes) {
    const auto bs = boxes(n);
    for (const Box& b : bs)
      if (!b.serving)
        out.push_back({bs.front().id, b.id, b.label.ends_with("standby") ? "synchronous commit" : "replication", true});
  }
  return out;
}

}  // namespace

std::string to_dot(const TopologyGraph& g) {
  // The title on one line: in this comment a newline would start DOT statements.
  std::string out = fmt::format("// headroom diagram: {}\ndigraph topology {{\n", visible(g.title));
  out += "  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
         "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  out += fmt::format("  label={};\n  labelloc=t;\n", dot_quote(g.title));
  for (const auto& n : g.nodes)
    for (const Box& b : boxes(n))
      if (b.az.empty()) out += fmt::format("  {} [label={}];\n", b.id, dot_quote(b.label));
  for (const auto& az : g.azs) {
    // Graphviz draws a subgraph as a box only when its name starts with "cluster".
    std::string cluster = id_of("az", az, "");
    cluster.replace(0, 2, "cluster_");
    out += fmt::format("  subgraph {} {{\n    label={};\n    style=dashed;\n", cluster, dot_quote("AZ " + az));
    for (const auto& n : g.nodes)
      for (const Box& b : boxes(n))
        if (b.az == az)
          out += fmt::format("    {} [label={}{}];\n", b.id, dot_quote(b.label), b.serving ? "" : ", style=\"rounded,dashed\"");
    out += "  }\n";
  }
  for (const Line& l : lines(g)) {
    std::string attrs;
    if (!l.label.empty()) attrs += "label=" + dot_quote(l.label);
    if (l.dashed) attrs += std::string(attrs.empty() ? "" : ", ") + "style=dashed";
    out += fmt::format("  {} -> {}{};\n", l.from, l.to, attrs.empty() ? "" : " [" + attrs + "]");
  }
  return out + "}\n";
}

std::string to_mermaid(const TopologyGraph& g) {
  // The title sits in YAML front matter, not in a label: YAML's own double-quoted escaping.
  std::string title;
  for (char c : visible(g.title)) title += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
  std::string out = fmt::format("---\ntitle: \"{}\"\n---\nflowchart LR\n", title);
  for (const auto& n : g.nodes)
    for (const Box& b : boxes(n))
      if (b.az.empty()) out += fmt::format("  {}[\"{}\"]\n", b.id, mermaid_text(b.label));
  for (const auto& az : g.azs) {
    out += fmt::format("  subgraph {}[\"AZ {}\"]\n", id_of("az", az, ""), mermaid_text(az));
    for (const auto& n : g.nodes)
      for (const Box& b : boxes(n))
        if (b.az == az) out += fmt::format("    {}[\"{}\"]\n", b.id, mermaid_text(b.label));
    out += "  end\n";
  }
  for (const Line& l : lines(g)) {
    const std::string arrow = l.dashed ? "-.->" : "-->";
    out += l.label.empty() ? fmt::format("  {} {} {}\n", l.from, arrow, l.to)
                           : fmt::format("  {} {}|\"{}\"| {}\n", l.from, arrow, mermaid_text(l.label), l.to);
  }
  return out;
}

}  // namespace headroom
