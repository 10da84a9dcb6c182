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
    const atlas::Result<atlas::app::Project> read = atlas::app::projectFromJson(bytes, file);
    if (!read) {
        FUZZ_CHECK(read.diagnostics().hasErrors());  // a refusal says why
        return 0;
    }
    const QByteArray saved = atlas::app::projectToJson(*read, file);
    const atlas::Result<atlas::app::Project> again = atlas::app::projectFromJson(saved, file);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(atlas::app::projectToJson(*again, file) == saved);
    return 0;
}
