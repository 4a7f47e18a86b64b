#include "server/cli/import_progress.h"

#include <algorithm>
#include <cmath>

namespace cb {
namespace {


constexpr double kTerminalRedrawS = 0.2;
constexpr double kKnownAfterS = 1.0;  // rates from less than this are noise

}  // namespace

std::string GroupDigits(uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

ImportProgressFigures ComputeImportProgress(const ImportProgressSample& s) {
    ImportProgressFigures f;
    f.fraction = s.total_bytes == 0 ? 1.0 : std::min(1.0, static_cast<double>(s.done_bytes) / s.total_bytes);
    if (s.elapsed_s > 0) f.lines_per_s = static_cast<double>(s.lines) / s.elapsed_s;
    if (s.elapsed_s >= kKnownAfterS && s.done_bytes > 0) {
        const double bytes_per_s = static_cast<double>(s.done_bytes) / s.elapsed_s;
        const double left = s.total_bytes > s.done_bytes ? static_cast<double>(s.total_bytes - s.done_bytes) : 0.0;
        f.seconds_left = left / bytes_per_s;
    }
    return f;
}

std::string DurationText(double seconds) {
    if (seconds < 0 || !std::isfinite(seconds)) return "?";
    const int64_t total = static_cast<int64_t>(std::llround(seconds));
    const int64_t h = total / 3600, m = total / 60 % 60, s = total % 60;
    char buf[48];
    if (h > 0) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(h), static_cast<long long>(m),
                             static_cast<long long>(s));
    else std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(m), static_cast<long long>(s));
    return buf;
}

std::string ImportProgressLine(const std::string& file, size_t index, size_t files, uint64_t lines,
                               const ImportProgressFigures& f, const std::string& unit) {
    std::string out = file;
    if (files > 1) out += " (" + std::to_string(index + 1) + " of " + std::to_string(files) + ")";
    out += ": " + std::to_string(static_cast<int>(std::floor(f.fraction * 100))) + "%, " + GroupDigits(lines) + " " +
           unit + ", " + GroupDigits(static_cast<uint64_t>(f.lines_per_s)) + " " + unit + "/s, ";
    out += f.seconds_left < 0 ? std::string("time left unknown") : DurationText(f.seconds_left) + " left";
    return out;
}

std::string ImportDoneLine(const std::string& what, uint64_t lines, double elapsed_s, const std::string& unit) {
    const double rate = elapsed_s > 0 ? static_cast<double>(lines) / elapsed_s : 0;
    return what + ": " + GroupDigits(lines) + " " + unit + " in " + DurationText(elapsed_s) + ", " +
           GroupDigits(static_cast<uint64_t>(rate)) + " " + unit + "/s";
}

ImportProgress::ImportProgress(std::FILE* out, bool terminal, double interval_s, std::string unit)
    : m_out(out), m_terminal(terminal), m_interval_s(interval_s), m_unit(std::move(unit)) {}

void ImportProgress::Update(const std::string& file, size_t index, size_t files, const ImportProgressSample& sample) {
    const double every = m_terminal ? kTerminalRedrawS : m_interval_s;
    if (m_last_s >= 0 && sample.elapsed_s - m_last_s < every) return;
    if (m_last_s < 0 && !m_terminal && sample.elapsed_s < every) return;  // plain lines: the first after one interval
    m_last_s = sample.elapsed_s;
    const std::string line = ImportProgressLine(file, index, files, sample.lines, ComputeImportProgress(sample), m_unit);
    if (m_terminal) {
        std::fprintf(m_out, "\r%s\033[K", line.c_str());
        m_drawn = true;
    } else {
        std::fprintf(m_out, "%s\n", line.c_str());
    }
    std::fflush(m_out);
}

void ImportProgress::Message(const std::string& text) {
    if (m_drawn) std::fputs("\r\033[K", m_out);
    std::fprintf(m_out, "%s\n", text.c_str());
    m_drawn = false;
    m_last_s = -1;  // redraw the progress at the next sample
    std::fflush(m_out);
}

void ImportProgress::Done(const std::string& what, uint64_t lines, double elapsed_s) {
    const std::string line = ImportDoneLine(what, lines, elapsed_s, m_unit);
    if (m_terminal) std::fprintf(m_out, "\r%s\033[K\n", line.c_str());
    else std::fprintf(m_out, "%s\n", line.c_str());
    m_drawn = false;
    std::fflush(m_out);
}

}  // namespace cb
