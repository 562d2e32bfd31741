// Hostile names are just names (issue 16 item 4): control characters are found wherever they
// hide, and every writer shows a name in its own format's escaping, never as syntax.
#include <doctest/doctest.h>

#include <string>

#include "headroom/core/diagnostics.hpp"
#include "headroom/core/printable.hpp"
#include "headroom/core/units.hpp"
#include "headroom/measure/report.hpp"
#include "headroom/measure/timeseries.hpp"
#include "headroom/report/graph.hpp"
#include "headroom/report/markup.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/yaml/load_scenario.hpp"

using namespace headroom;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

bool has_control(const std::string& text, bool allow_newline) {
  for (unsigned char c : text)
    if ((c < 0x20 && !(allow_newline && c == '\n')) || c == 0x7F) return true;
  return false;
}

const char* kHostileScenario = R"(name: NAME
duration: 2m
load: {rate: 10/s}
traffic:
  - {name: all, share: 100%, path: [COMPONENT]}
components:
  COMPONENT: {type: ec2, instance: t3.micro, count: 1, cpu: 1ms}
)";

std::string scenario(const std::string& name, const std::string& component) {
  std::string s = kHostileScenario;
  for (std::size_t at; (at = s.find("NAME")) != std::string::npos;) s.replace(at, 4, name);
  for (std::size_t at; (at = s.find("COMPONENT")) != std::string::npos;) s.replace(at, 9, component);
  return s;
}

}  // namespace

TEST_CASE("printable: control characters are C0 (newline, tab, ESC), DEL, C1 and the bidi controls; the rest of Unicode is printable") {
  CHECK_FALSE(first_control("web-1 <!--<script> «ö» 数据库 😀 | ` = @"));
  CHECK_FALSE(first_control("zero\u200Dwidth joiner in an emoji"));
  const auto esc = first_control("ab\x1b[31m");
  REQUIRE(esc);
  CHECK(esc->offset == 2);
  CHECK(esc->character == 3);
  CHECK(esc->str() == "U+001B (ESC)");
  CHECK(first_control("é\n")->character == 2);  // characters, not bytes
  CHECK(first_control("a\nb")->str() == "U+000A (LF (newline))");
  CHECK(first_control("\x7f")->code == 0x7F);
  CHECK(first_control("\xc2\x9b" "31m")->code == 0x9B);        // C1 CSI: a one-character ESC [
  CHECK(first_control("admin\u202Etxt.exe")->code == 0x202E);  // RIGHT-TO-LEFT OVERRIDE
  CHECK_FALSE(first_control("two\nlines\tand a tab", true));
  CHECK(first_control("but\x1bnot ESC", true));
}

TEST_CASE("printable: visible() shows every control as an escape; terminal_safe keeps only the newlines") {
  CHECK(visible("a\nb\x1b[2Jc\td") == "a\\nb\\x1b[2Jc\\td");
  CHECK(visible("\u202E") == "\\u202e");
  CHECK(visible("plain «ö» 😀") == "plain «ö» 😀");
  CHECK(terminal_safe("line 1\nline\x1b]0;title\x07 2\n") == "line 1\nline\\x1b]0;title\\x07 2\n");
}

TEST_CASE("printable: a diagnostic echoing the user's text carries no control character to the terminal") {
  Diagnostic d{SourceLoc{"x\x1b[31m.yaml", 3, 4}, "components.w\x1b[2Jeb", "unknown key 'a\nb'"};
  CHECK(d.str() == "x\\x1b[31m.yaml:3:4: error: components.w\\x1b[2Jeb: unknown key 'a\\nb'");
}

TEST_CASE("loader: a control character in a name or value is rejected at load, at its file:line:col") {
  // Before (issue 16): an ESC in a component name reached the terminal; a newline in the name
  // wrote DOT statements into `diagram`. After: exit 2 at load, saying which character and where.
  try {
    load_scenario_text(scenario("\"one\\ntwo\"", "\"web\\e[31m\""), "hostile.yaml");
    FAIL("loaded");
  } catch (const InputError& e) {
    std::string all;
    for (const auto& d : e.items()) all += d.str() + "\n";
    CHECK(all.find("hostile.yaml:1:7: error: name: this value holds the control character U+000A (LF (newline)) at "
                   "character 4") != std::string::npos);
    CHECK(all.find("hostile.yaml:7:3: error: components.web\\x1b[31m: this key holds the control character U+001B (ESC) "
                   "at character 4") != std::string::npos);
    CHECK_FALSE(has_control(all, true));
  }
  // A description is free text: YAML folds it into lines, and that is allowed.
  CHECK_NOTHROW(load_scenario_text(scenario("ok", "web") + "description: >\n  two\n\n  paragraphs\n", "ok.yaml"));
  CHECK_THROWS_AS(load_scenario_text(scenario("ok", "web") + "description: \"an \\e[2J escape\"\n", "esc.yaml"), InputError);
}

TEST_CASE("loader: any printable Unicode is a name: markup, quotes, pipes, emoji") {
  const ScenarioSpec spec = load_scenario_text(scenario("\"<!--<script>alert(1)</script> | `x`\"", "\"wéb-😀<!--|`\""), "u.yaml");
  CHECK(spec.name == "<!--<script>alert(1)</script> | `x`");
  CHECK(spec.components.front().name == "wéb-😀<!--|`");
}

TEST_CASE("diagram: a newline in a title cannot start DOT statements; labels are quoted; odd names stay distinct nodes") {
  TopologyGraph g;
  g.title = "x\n}\ndigraph evil {\n  a -> b";
  g.nodes.push_back({"clients", "clients", "", {}});
  g.nodes.push_back({"a-b", "ec2", "m5.large \"x\" 1 \\ 2", {}});
  g.nodes.push_back({"a_b", "ec2", "esc \x1b[31m", {}});
  g.edges.push_back({"clients", "a-b", "read\nwrite", false});
  g.edges.push_back({"clients", "a_b", "", false});
  const std::string dot = to_dot(g);
  CHECK(count(dot, "\ndigraph ") == 1);  // one statement; the others are inside a comment and a label
  CHECK(dot.rfind("// headroom diagram: x\\n}\\ndigraph evil {\\n  a -> b\ndigraph topology {\n", 0) == 0);
  CHECK(dot.find("label=\"x\\n}\\ndigraph evil {\\n  a -> b\"") != std::string::npos);
  CHECK(dot.find("\\\"x\\\" 1 \\\\ 2") != std::string::npos);
  CHECK(dot.find("label=\"read\\nwrite\"") != std::string::npos);
  CHECK_FALSE(has_control(dot, true));
  // Before: both "a-b" and "a_b" were n_a_b, one node. After: two ids.
  CHECK(count(dot, "n_a_b_") >= 2);
  CHECK(dot.find("n_a_b [") == std::string::npos);
  const std::string mermaid = to_mermaid(g);
  CHECK(count(mermaid, "flowchart") == 1);
  CHECK(mermaid.find("#quot;x#quot;") != std::string::npos);
  CHECK_FALSE(has_control(mermaid, true));
  g.nodes[1].name = "<b>#1</b> `md`";
  CHECK(to_mermaid(g).find("#lt;b#gt;#35;1#lt;/b#gt; #96;md#96;") != std::string::npos);
}

TEST_CASE("markup: a control character cannot make XML invalid; line breaks survive in attributes") {
  CHECK(escape_markup("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
  CHECK(escape_markup("dir\x01/x\x1b.yaml") == "dir\\x01/x\\x1b.yaml");
  CHECK(escape_markup("two\nlines\ttab") == "two&#10;lines&#9;tab");
}

TEST_CASE("CSV: a text cell starting with = + - @ tab or CR is neutralised (OWASP); numbers stay numbers") {
  Report r;
  r.timeseries.interval_s = 10;
  r.timeseries.pools = {"=HYPERLINK(\"http://x\")", "+1", "-web", "@SUM(A1)", "\tx", "plain"};
  TimeSeriesRow row;
  row.t_s = 10;
  row.p50_ms = -2.5;  // a negative number, to show that it stays unquoted
  row.pools.resize(r.timeseries.pools.size());
  r.timeseries.rows.push_back(row);
  const std::string csv = to_timeseries_csv(r);
  CHECK(csv.find(",\"'=HYPERLINK(\"\"http://x\"\").instances\",") != std::string::npos);
  CHECK(csv.find(",\"'+1.instances\",") != std::string::npos);
  CHECK(csv.find(",\"'-web.instances\",") != std::string::npos);
  CHECK(csv.find(",\"'@SUM(A1).instances\",") != std::string::npos);
  CHECK(csv.find(",\"'\tx.instances\",") != std::string::npos);
  CHECK(csv.find(",plain.instances,") != std::string::npos);
  CHECK(csv.find("\n10,0,0,0,0,0,0,0,0,0,-2.5,0,") != std::string::npos);
}

TEST_CASE("terminal: no escape sequence from a name or path reaches the terminal") {
  Report r;
  r.scenario.name = "evil\x1b]0;pwned\x07\x1b[2J";
  r.components.push_back({"web\x1b[31m", ComponentReport{}});
  const std::string out = to_terminal(r);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find("evil\\x1b]0;pwned\\x07\\x1b[2J") != std::string::npos);
  CHECK(out.find("web\\x1b[31m") != std::string::npos);
}

TEST_CASE("plain_number: money and percentages never in scientific notation") {
  // Before: "{:+.4g}" wrote a cost delta as -2.45e-05 and a capacity as 1.52e+07.
  CHECK(plain_number(-2.45e-05, 4, true) == "-0.0000245");
  CHECK(plain_number(1.52e7) == "15200000");
  CHECK(plain_number(1403120.4) == "1403120");
  CHECK(plain_number(570.674) == "570.674");
  CHECK(plain_number(91.75043) == "91.7504");
  CHECK(plain_number(0) == "0");
  CHECK(plain_number(0, 4, true) == "+0");
  CHECK(plain_number(-1e-20, 4, true) == "+0");  // rounds to nothing: no "-0"
  CHECK(plain_number(2980, 4, true) == "+2980");
}
