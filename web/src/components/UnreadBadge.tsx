import './unread-badge.css';

/**
 * The unread count beside a 消息 link (the workbench's bell, the portal's 我的消息): 1–99, then 99+,
 * hidden from screen readers, which read `label` instead; nothing at 0. `className` adds a hook (e2e).
 */
export function UnreadBadge({ count, label, className }: { count: number; label: string; className?: string }) {
  if (count <= 0) return null;
  return (
    <>
      <span className={className ? `unread-badge ${className}` : 'unread-badge'} aria-hidden="true">
        {count > 99 ? '99+' : count}
      </span>
      <span className="visually-hidden">{label}</span>
    </>
  );
}
