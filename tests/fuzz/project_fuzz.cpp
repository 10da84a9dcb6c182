// Fuzzes the project reader (.katlas JSON → Project) from bytes. A project it accepts must save
// and read back: what a person opens and saves again must open next time, the same.
#include "atlas/model/project_file.h"
#include "fuzz_check.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // A folder that does not exist: referenced files are missing, nothing is read from disk.
    const QString file = QStringLiteral("/nonexistent-atlas-fuzz/project.katlas");
    const auto bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const atlas::app::ProjectReadResult read = atlas::app::projectFromJson(bytes, file);
    if (!read.project) {
        FUZZ_CHECK(!read.error.isEmpty());  // a refusal says why
        return 0;
    }
    const QByteArray saved = atlas::app::projectToJson(*read.project, file);
    const atlas::app::ProjectReadResult again = atlas::app::projectFromJson(saved, file);
    FUZZ_CHECK(again.project.has_value());
    FUZZ_CHECK(atlas::app::projectToJson(*again.project, file) == saved);
    return 0;
}
