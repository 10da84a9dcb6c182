// File → Export Map… with the resolution left on "Automatic": the setting round-trips as 0, and
// a 3200 px PNG written from the dialog stands for A4 at its width (274 dpi in the file), while a
// resolution typed in is kept as typed.
#include "app_test_support.h"
#include "atlas/crs.h"
#include "atlas/gui/export_dialog.h"

#include <catch2/catch.hpp>

#include <QImage>
#include <QSpinBox>
#include <QTemporaryDir>

#include <cmath>

using namespace atlas;
using namespace atlas::app;

TEST_CASE("Export Map's automatic resolution makes a 3200 px PNG read as the A4 page", "[app][publish][print]")
{
    test::widgetApp();
    auto doc = std::make_shared<const MapDocument>(kDefaultDisplayCrs);
    ExportJob job;
    job.document = doc.get();
    const CoordinateTransform toUtm(kWgs84, kDefaultDisplayCrs);
    job.extent = toUtm.transformBox(Box::of(96.95, 24.05, 97.55, 24.45));
    job.settings.format = ExportFormat::Png;
    job.settings.pixelSize = QSize(3200, 2263);
    job.settings.dpi = 0;
    ExportDialog dialog(doc, job);

    QSpinBox* dpi = nullptr;
    for (QSpinBox* s : dialog.findChildren<QSpinBox*>())
        if (s->suffix() == " dpi") dpi = s;
    REQUIRE(dpi);
    CHECK(dpi->text() == "Automatic");
    CHECK(dialog.settings().dpi == 0);

    QTemporaryDir dir;
    const QString path = dir.filePath("bhamo.png");
    const Diagnostics written = dialog.exportTo(path);
    INFO(written.formatAll());
    REQUIRE_FALSE(written.hasErrors());
    const QImage image(path);
    REQUIRE(image.size() == QSize(3200, 2263));
    CHECK(std::lround(image.dotsPerMeterX() * 0.0254) == 274);

    // A resolution typed in is what the export uses, and what the file says.
    dpi->setValue(150);
    CHECK(dialog.settings().dpi == 150);
    REQUIRE_FALSE(dialog.exportTo(path).hasErrors());
    CHECK(std::lround(QImage(path).dotsPerMeterX() * 0.0254) == 150);
}
