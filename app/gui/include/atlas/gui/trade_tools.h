#pragma once
// The trade series in the window: File → Import Trade Series… (UN Comtrade or plain monthly
// CSV; bad rows shown as file:line N: field: message), the track shown on the timeline with its
// style and metric (controls in the timeline dock), and Time → Trade Series Links…, the editor
// of which crossings and mining areas each commodity code flows through. Everything it changes
// goes through the model (DocumentModel::setTrade / setTradeSettings), which the project saves.
#include "atlas/gui/workbench.h"
#include "atlas/model/trade_document.h"

#include <QDialog>
#include <QObject>

class QComboBox;
class QLabel;
class QTableWidget;

namespace atlas::app {

class TimelineDock;

class TradeTools : public QObject {
    Q_OBJECT
public:
    TradeTools(const Workbench& wb, TimelineDock* timeline);

    // Reads `files` as the series (replacing the one held); false when nothing loaded. Problems
    // go to the status line and, for errors, a dialog listing them.
    bool importFiles(const QStringList& files);
    void editLinks();

private:
    void onTradeChanged();
    void refreshTimeline();

    Workbench m_wb;
    TimelineDock* m_timeline;
    QWidget* m_controls;
    QComboBox* m_track;
    QComboBox* m_style;
    QComboBox* m_metric;
};

// The mapping editor: one row per commodity code of the series (and any already mapped), its
// features as ids separated by ';'. Unknown ids are named under the table and refused.
class TradeLinksDialog : public QDialog {
    Q_OBJECT
public:
    TradeLinksDialog(const TradeDocument& trade, const LinkIndex* links, QWidget* parent = nullptr);
    TradeLinkMap links() const;
    QTableWidget* table() const { return m_table; }

private:
    bool check();
    const LinkIndex* m_links;
    QTableWidget* m_table;
    QLabel* m_problems;
};

}  // namespace atlas::app
