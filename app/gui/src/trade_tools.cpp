#include "atlas/gui/trade_tools.h"

#include "atlas/data/csv_table.h"
#include "atlas/gui/timeline_dock.h"
#include "atlas/gui/window_menus.h"
#include "atlas/model/document_model.h"
#include "atlas/model/time_controller.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTableWidget>
#include <QVBoxLayout>

#include <set>

namespace atlas::app {

TradeTools::TradeTools(const Workbench& wb, TimelineDock* timeline)
    : QObject(&wb.frame), m_wb(wb), m_timeline(timeline)
{
    auto* import = new QAction(tr("Import &Trade Series…"), &wb.frame);
    import->setObjectName("importTradeSeries");
    import->setStatusTip(tr("A monthly trade series you downloaded: UN Comtrade's CSV export (current or legacy "
                            "layout), or a plain monthly CSV (period,reporter,partner,hs_code,commodity,tonnes,usd,source)"));
    wb.menus.addFileAction(import, WindowMenus::FileGroup::Data);
    connect(import, &QAction::triggered, this, [this] {
        QSettings settings;
        const QStringList files = QFileDialog::getOpenFileNames(
            &m_wb.frame, tr("Import Trade Series"), settings.value("paths/tradeSeries").toString(),
            tr("Trade series (*.csv);;All files (*)"));
        if (files.isEmpty()) return;
        settings.setValue("paths/tradeSeries", QFileInfo(files.front()).absolutePath());
        importFiles(files);
    });

    QAction* links = wb.menus.menu(WindowMenus::Menu::Time)->addAction(tr("Trade Series &Links…"));
    links->setObjectName("tradeSeriesLinks");
    links->setStatusTip(tr("Which crossings and mining areas each commodity code of the imported series flows through"));
    connect(links, &QAction::triggered, this, &TradeTools::editLinks);

    // The track's controls in the timeline dock, shown while a series is held.
    m_controls = new QWidget;
    auto* row = new QHBoxLayout(m_controls);
    row->setContentsMargins(10, 0, 0, 0);
    row->setSpacing(4);
    row->addWidget(new QLabel(tr("Trade"), m_controls));
    m_track = new QComboBox(m_controls);
    m_track->setObjectName("tradeTrack");
    m_track->setToolTip(tr("The imported track shown, by commodity code"));
    m_style = new QComboBox(m_controls);
    m_style->addItems({tr("Bars"), tr("Line")});
    m_metric = new QComboBox(m_controls);
    m_metric->addItems({tr("Tonnes"), tr("US$")});
    for (QComboBox* c : {m_track, m_style, m_metric}) row->addWidget(c);
    m_timeline->addControls(m_controls);
    m_controls->hide();

    auto apply = [this] {
        TradeSettings s = m_wb.model.document().trade().settings;
        s.hsCode = m_track->currentData().toString().toStdString();
        s.style = m_style->currentIndex() == 1 ? render::TradeChartStyle::Line : render::TradeChartStyle::Bars;
        s.metric = m_metric->currentIndex() == 1 ? TradeMetric::Usd : TradeMetric::Tonnes;
        if (!(s == m_wb.model.document().trade().settings)) m_wb.model.setTradeSettings(std::move(s));
    };
    connect(m_track, &QComboBox::activated, this, apply);
    connect(m_style, &QComboBox::activated, this, apply);
    connect(m_metric, &QComboBox::activated, this, apply);
    connect(&wb.model, &DocumentModel::tradeChanged, this, &TradeTools::onTradeChanged);
    connect(&wb.model, &DocumentModel::datasetChanged, this, &TradeTools::refreshTimeline);
    onTradeChanged();
}

bool TradeTools::importFiles(const QStringList& files)
{
    Diagnostics diagnostics;
    TradeSettings settings = m_wb.model.document().trade().settings;
    settings.files.clear();
    for (const QString& f : files) settings.files << QFileInfo(f).absoluteFilePath();
    TradeDocument trade = loadTradeDocument(settings, diagnostics);
    if (trade.empty()) {
        QMessageBox::warning(&m_wb.frame, tr("Import Trade Series"),
                             tr("Nothing could be read as a monthly trade series.\n\n%1")
                                 .arg(QString::fromStdString(diagnostics.formatAll())));
        return false;
    }
    const std::size_t tracks = trade.series->tracks().size(), rows = trade.series->rows().size();
    // Keep the track shown when the new series has it.
    if (!trade.settings.hsCode.empty() && trade.series->tracksOf(trade.settings.hsCode).empty()) trade.settings.hsCode.clear();
    m_wb.model.setTrade(std::move(trade));
    // Room for the track under the event marks.
    if (m_timeline->height() < 280) m_wb.frame.resizeDocks({m_timeline}, {280}, Qt::Vertical);
    const QString summary = tr("Trade series: %1 month(s) in %2 track(s); %3 error(s), %4 warning(s).")
                                .arg(rows).arg(tracks).arg(diagnostics.errorCount())
                                .arg(diagnostics.size() - diagnostics.errorCount());
    m_wb.status.showMessage(summary, 15000);
    if (!diagnostics.empty()) {
        auto* box = new QMessageBox(diagnostics.hasErrors() ? QMessageBox::Warning : QMessageBox::Information,
                                    tr("Import Trade Series"), summary + tr(" Bad rows were skipped; the rest loaded."),
                                    QMessageBox::Ok, &m_wb.frame);
        box->setObjectName("tradeImportReport");
        box->setDetailedText(QString::fromStdString(diagnostics.formatAll()));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        box->show();
    }
    return true;
}

void TradeTools::onTradeChanged()
{
    const TradeDocument& trade = m_wb.model.document().trade();
    {
        const QSignalBlocker b1(m_track), b2(m_style), b3(m_metric);
        m_track->clear();
        if (trade.series)
            for (const TradeTrack& t : trade.series->tracks())
                if (m_track->findData(QString::fromStdString(t.hsCode())) < 0)
                    m_track->addItem(QString::fromStdString("HS " + t.hsCode() + " " + t.commodity()),
                                     QString::fromStdString(t.hsCode()));
        if (const TradeTrack* t = trade.track()) m_track->setCurrentIndex(m_track->findData(QString::fromStdString(t->hsCode())));
        m_style->setCurrentIndex(trade.settings.style == render::TradeChartStyle::Line ? 1 : 0);
        m_metric->setCurrentIndex(trade.settings.metric == TradeMetric::Usd ? 1 : 0);
    }
    m_controls->setVisible(!trade.empty());
    refreshTimeline();
}

void TradeTools::refreshTimeline()
{
    const MapDocument& doc = m_wb.model.document();
    m_timeline->timeline()->setTradeChart(
        doc.trade().chart(m_wb.clock.day(), doc.dataset() ? &doc.dataset()->exports() : nullptr));
}

void TradeTools::editLinks()
{
    const MapDocument& doc = m_wb.model.document();
    if (doc.trade().empty()) {
        QMessageBox::information(&m_wb.frame, tr("Trade Series Links"),
                                 tr("Import a trade series first (File → Import Trade Series…)."));
        return;
    }
    TradeLinksDialog dialog(doc.trade(), doc.links(), &m_wb.frame);
    if (dialog.exec() != QDialog::Accepted) return;
    TradeSettings s = doc.trade().settings;
    s.links = dialog.links();
    m_wb.model.setTradeSettings(std::move(s));
    m_wb.status.showMessage(tr("Trade series links changed; saved with the project."), 8000);
}

// --- TradeLinksDialog ---------------------------------------------------------------------

TradeLinksDialog::TradeLinksDialog(const TradeDocument& trade, const LinkIndex* links, QWidget* parent)
    : QDialog(parent), m_links(links)
{
    setWindowTitle(tr("Trade Series Links"));
    setObjectName("tradeLinksDialog");
    auto* v = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Which crossings and mining areas each commodity code flows through, as ids separated "
                                "by ';' (crossing:kanpaikti; mine:pangwa-belt). A crossing's inspector then shows the "
                                "series and the events that coincide with its drops."),
                             this);
    intro->setWordWrap(true);
    v->addWidget(intro);
    std::set<std::string> codes;
    if (trade.series)
        for (const TradeTrack& t : trade.series->tracks()) codes.insert(t.hsCode());
    for (const auto& [hs, ids] : trade.settings.links.entries()) codes.insert(hs);
    m_table = new QTableWidget(static_cast<int>(codes.size()), 3, this);
    m_table->setHorizontalHeaderLabels({tr("HS code"), tr("Commodity"), tr("Crossings and mining areas")});
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    int r = 0;
    for (const std::string& hs : codes) {
        auto* code = new QTableWidgetItem(QString::fromStdString(hs));
        code->setFlags(code->flags() & ~Qt::ItemIsEditable);
        std::string commodity;
        if (trade.series)
            if (const auto ts = trade.series->tracksOf(hs); !ts.empty()) commodity = ts.front()->commodity();
        auto* desc = new QTableWidgetItem(QString::fromStdString(commodity));
        desc->setFlags(desc->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(r, 0, code);
        m_table->setItem(r, 1, desc);
        m_table->setItem(r, 2, new QTableWidgetItem(QString::fromStdString(joinList(trade.settings.links.featuresOf(hs), ';'))
                                                        .replace(";", "; ")));
        ++r;
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    v->addWidget(m_table, 1);
    m_problems = new QLabel(this);
    m_problems->setStyleSheet("color: #b00");
    m_problems->setWordWrap(true);
    v->addWidget(m_problems);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (check()) accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    v->addWidget(buttons);
    resize(720, 320);
}

TradeLinkMap TradeLinksDialog::links() const
{
    TradeLinkMap map;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const std::string hs = m_table->item(r, 0)->text().toStdString();
        const QTableWidgetItem* ids = m_table->item(r, 2);
        map.set(hs, splitList(ids ? ids->text().toStdString() : std::string(), ';'));
    }
    return map;
}

bool TradeLinksDialog::check()
{
    if (!m_links) return true;  // no dataset to check against: kept as typed
    const std::vector<std::string> unknown = unknownLinkedIds(links(), *m_links);
    if (unknown.empty()) return true;
    QStringList names;
    for (const std::string& id : unknown) names << QString::fromStdString(id);
    m_problems->setText(tr("Not a feature of the dataset: %1").arg(names.join(", ")));
    return false;
}

}  // namespace atlas::app
