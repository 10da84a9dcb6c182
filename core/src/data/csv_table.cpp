#include "atlas/data/csv_table.h"

#include "atlas/detail/gdal_errors.h"
#include "atlas/detail/vsi_file.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cpl_vsi.h>

#include <atomic>
#include <filesystem>

namespace atlas {
namespace {

struct RecordShape {
    int line;        // first line of the record
    int fieldCount;  // fields in the record
};

// The start line and field count of every non-blank record, following RFC 4180 quoting (a
// quoted field may hold separators, doubled quotes and line breaks). OGR reads the values;
// this only tells where each record sits in the file.
std::vector<RecordShape> recordShapes(const std::string& text)
{
    std::vector<RecordShape> out;
    int line = 1;
    std::size_t i = 0;
    const std::size_t n = text.size();
    if (n >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
    const char separator = csvSeparator(std::string_view(text).substr(i, text.find('\n', i) - i));
    while (i < n) {
        const int start = line;
        int fields = 1;
        bool blank = true;
        bool quoted = false;
        for (; i < n; ++i) {
            const char c = text[i];
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text[i + 1] == '"') ++i;
                    else quoted = false;
                } else if (c == '\n') {
                    ++line;
                }
                continue;
            }
            if (c == '"') { quoted = true; blank = false; }
            else if (c == separator) { ++fields; blank = false; }
            else if (c == '\n') { ++line; ++i; break; }
            else if (c != '\r' && c != ' ' && c != '\t') blank = false;
        }
        if (!blank) out.push_back({start, fields});
    }
    return out;
}

}  // namespace

char csvSeparator(std::string_view header)
{
    char separator = 0;
    bool quoted = false, blanks = false;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const char c = header[i];
        if (c == '"') {
            if (quoted && i + 1 < header.size() && header[i + 1] == '"') ++i;
            else quoted = !quoted;
        } else if (!quoted && (c == ',' || c == ';' || c == '\t')) {
            if (separator == 0) separator = c;
            else if (separator != c) return ',';
        } else if (!quoted && c == ' ') {
            blanks = true;
        }
    }
    return separator ? separator : blanks ? ' ' : ',';
}

std::string lineLocation(int line) { return "line " + std::to_string(line); }

std::vector<std::string> splitList(std::string_view text, char separator)
{
    std::vector<std::string> out;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        std::size_t end = text.find(separator, begin);
        if (end == std::string_view::npos) end = text.size();
        std::string_view item = text.substr(begin, end - begin);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        begin = end + 1;
    }
    return out;
}

std::string joinList(const std::vector<std::string>& items, char separator)
{
    std::string out;
    for (const auto& s : items) {
        if (!out.empty()) out += separator;
        out += s;
    }
    return out;
}

std::optional<std::size_t> CsvTable::fieldIndex(std::string_view name) const
{
    for (std::size_t i = 0; i < m_fields.size(); ++i)
        if (m_fields[i] == name) return i;
    return std::nullopt;
}

const std::string& CsvTable::cell(const CsvRow& row, std::string_view field) const
{
    static const std::string empty;
    const auto i = fieldIndex(field);
    return i && *i < row.cells.size() ? row.cells[*i] : empty;
}

std::optional<CsvTable> CsvTable::read(const std::string& path, Diagnostics& diagnostics)
{
    const auto text = detail::vsiReadFile(path);
    if (!text) {
        diagnostics.error(path, "", "", "file not found or not readable");
        return std::nullopt;
    }
    return fromOgr(path, *text, path, diagnostics);
}

std::optional<CsvTable> CsvTable::parse(std::string_view text, const std::string& path, Diagnostics& diagnostics)
{
    detail::ensureGdalRegistered();
    static std::atomic<unsigned> counter{0};
    std::string name = std::filesystem::path(path).filename().string();
    if (name.empty()) name = "table.csv";
    const std::string memPath = "/vsimem/atlas-csv-" + std::to_string(counter++) + "/" + name;
    std::string bytes(text);
    VSIFCloseL(VSIFileFromMemBuffer(memPath.c_str(), reinterpret_cast<GByte*>(bytes.data()),
                                    static_cast<vsi_l_offset>(bytes.size()), FALSE));
    auto table = fromOgr(memPath, bytes, path, diagnostics);
    VSIUnlink(memPath.c_str());
    return table;
}

std::optional<CsvTable> CsvTable::fromOgr(const std::string& ogrPath, const std::string& text, const std::string& path,
                                          Diagnostics& diagnostics)
{
    const std::vector<RecordShape> shapes = recordShapes(text);

    detail::ensureGdalRegistered();
    detail::GdalErrorCollector errors;
    const char* const drivers[] = {"CSV", nullptr};
    // Everything as text, and "" stays "" (not null).
    const char* const options[] = {"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO", "HEADERS=YES", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(ogrPath.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, nullptr));
    if (!ds || ds->GetLayerCount() < 1) {
        const std::string why = errors.lastFailure();
        diagnostics.error(path, "", "", "cannot open as CSV" + (why.empty() ? std::string() : ": " + why));
        return std::nullopt;
    }
    OGRLayer* layer = ds->GetLayer(0);
    CsvTable table;
    table.m_path = path;
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) table.m_fields.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    const int headerFields = shapes.empty() ? defn->GetFieldCount() : shapes.front().fieldCount;

    std::size_t record = 1;  // shapes[0] is the header
    for (auto& feature : *layer) {
        CsvRow row;
        row.line = record < shapes.size() ? shapes[record].line : -1;
        if (record < shapes.size() && shapes[record].fieldCount != headerFields)
            diagnostics.error(path, lineLocation(row.line), "",
                              "expected " + std::to_string(headerFields) + " fields as in the header, found " +
                                  std::to_string(shapes[record].fieldCount));
        row.cells.reserve(table.m_fields.size());
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            row.cells.emplace_back(feature->IsFieldSetAndNotNull(i) ? feature->GetFieldAsString(i) : "");
        table.m_rows.push_back(std::move(row));
        ++record;
    }
    for (const std::string& msg : errors.take()) diagnostics.warning(path, "", "", msg);
    return table;
}

}  // namespace atlas
