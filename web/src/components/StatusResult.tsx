import type { ReactNode } from 'react';
import CloseCircleFilled from '@ant-design/icons/CloseCircleFilled';
import ExclamationCircleFilled from '@ant-design/icons/ExclamationCircleFilled';
import StopOutlined from '@ant-design/icons/StopOutlined';
import QuestionCircleOutlined from '@ant-design/icons/QuestionCircleOutlined';

type Status = '403' | '404' | 'error' | 'warning';

const ICONS: Record<Status, { icon: ReactNode; color: string }> = {
  '403': { icon: <StopOutlined />, color: '#a15c00' },
  '404': { icon: <QuestionCircleOutlined />, color: '#0b57d0' },
  error: { icon: <CloseCircleFilled />, color: '#c5221f' },
  warning: { icon: <ExclamationCircleFilled />, color: '#a15c00' },
};

/**
 * A result page (no permission, not found, error, warning). antd's <Result> carries about 30 KB of
 * illustrations that the portal's first load would pay for on every visit; this is the light one.
 */
export function StatusResult({ status, title, subTitle, extra }: { status: Status; title: ReactNode; subTitle?: ReactNode; extra?: ReactNode }) {
  const { icon, color } = ICONS[status];
  return (
    <div className="status-result" role={status === 'error' || status === 'warning' ? 'alert' : undefined}>
      <div className="status-result__icon" style={{ color }} aria-hidden="true">
        {icon}
      </div>
      <h2 className="status-result__title">{title}</h2>
      {subTitle && <p className="status-result__sub">{subTitle}</p>}
      {extra && <div className="status-result__extra">{extra}</div>}
    </div>
  );
}
