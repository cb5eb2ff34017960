#include "widgets/severity_delegate.h"

#include <QApplication>
#include <QPainter>

#include "models/incident_queue_model.h"
#include "widgets/display_format.h"

namespace vigil {

void SeverityDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const int level = index.data(IncidentQueueModel::SeverityRole).toInt();
    const bool open = index.data(IncidentQueueModel::OpenRole).toBool();
    QColor color = ui::severityColor(level);
    if (!open) {
        color.setAlpha(110);
    }
    const QFontMetrics fm(opt.font);
    const int width = fm.horizontalAdvance(text) + 14;
    QRect badge(opt.rect.left() + 6, opt.rect.center().y() - fm.height() / 2 - 1, width,
                fm.height() + 2);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(badge, 3, 3);
    painter->setPen(Qt::white);
    QFont f = opt.font;
    f.setBold(true);
    painter->setFont(f);
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

} // namespace vigil
