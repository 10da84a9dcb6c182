#pragma once
// The inspector: everything known about the identified feature on the clock's day — its names,
// its state today (controller, crossing status, version in force), its controller / status
// history as a strip with today marked, the events that concern it or happened near it (click
// one to move the clock there), the trade observations linked to it as a small chart, the
// figures reported for a mine, its sources with titles and URLs (as text: nothing is fetched),
// and its attributes. It follows the one clock; it keeps no date of its own.
#include "atlas/gui/workbench.h"
#include "atlas/model/map_document.h"
#include "atlas/data/export_series.h"
#include "atlas/gui/browse_tools_names.h"

#include <QDockWidget>

#include <optional>

class QLabel;
class QTreeWidget;
class QScrollArea;

namespace atlas::app {

class ExportChart;
class HistoryStrip;
class TimelineWidget;

class InspectorDock : public QDockWidget {
    Q_OBJECT
public:
    // `timeline` (may be null): the history strip follows the period it shows.
    InspectorDock(const Workbench& wb, const TimelineWidget* timeline, QWidget* parent = nullptr);

    void showFeature(const FeatureRef& feature);
    void clear();
    void setNameLanguage(NameLanguage language);
    const std::optional<FeatureRef>& current() const { return m_current; }
    // The dataset id of the feature shown ("" for none or a user layer's feature).
    QString currentId() const;

    // What is shown (tests, screenshots).
    QString titleText() const;
    QString nowText() const;
    QStringList eventIds() const;
    const HistoryStrip* historyStrip() const { return m_history; }
    const ExportChart* exportChart() const { return m_chart; }
    QString sourcesText() const;
    // The trade series section (imported series tied to the feature), as plain text.
    QString tradeText() const;
    // Appends a section another tool keeps (the team database's edit history) after the others.
    void addSection(QWidget* section);

public slots:
    void refresh();

signals:
    // An event in the list was chosen: the clock should move to it.
    void eventActivated(const QString& eventId);
    // A feature named by the shown one (an event's links) was chosen.
    void featureActivated(const QString& datasetId);
    // The view was built for the dataset feature `datasetId` ("" for none or a user layer's).
    void shown(const QString& datasetId);

private:
    void build();
    void buildDatasetFeature(const std::string& id, std::size_t entry);
    void buildUserFeature(std::size_t entry);
    void buildEvent(const std::string& id);
    // The export chart: `linked` highlighted; with context, all China imports from Myanmar.
    void buildExports(std::vector<const ExportObservation*> linked, bool withContext);
    // The imported trade series tied to the feature (Time → Trade Series Links…): its value
    // on the clock's month and its drops with the events coinciding with them.
    void buildTrade(const std::string& id);
    void setSection(QLabel* heading, QWidget* body, bool visible);
    QString sourcesHtml(const std::vector<std::string>& ids) const;
    QString attributesHtml(const Layer& layer, std::size_t row) const;

    Workbench m_wb;
    const TimelineWidget* m_timeline;
    NameLanguage m_language = NameLanguage::English;
    std::optional<FeatureRef> m_current;

    QScrollArea* m_scroll;
    QLabel* m_placeholder;
    QWidget* m_content;
    QLabel* m_title;
    QLabel* m_subtitle;
    QLabel* m_now;
    QLabel* m_historyHeading;
    HistoryStrip* m_history;
    QLabel* m_eventsHeading;
    QTreeWidget* m_events;
    QLabel* m_eventsNote;
    QLabel* m_chartHeading;
    ExportChart* m_chart;
    QLabel* m_chartNote;
    QLabel* m_tradeHeading;
    QLabel* m_trade;
    QLabel* m_figuresHeading;
    QLabel* m_figures;
    QLabel* m_linksHeading;
    QLabel* m_links;
    QLabel* m_sourcesHeading;
    QLabel* m_sources;
    QLabel* m_attributesHeading;
    QLabel* m_attributes;
};

}  // namespace atlas::app
