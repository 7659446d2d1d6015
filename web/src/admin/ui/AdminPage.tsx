import type { ReactNode } from 'react';
import { useDocumentTitle } from '../../lib/use-document-title';

/** Title, primary actions, then the page. */
export function AdminPage({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <>
      <div className="staff-page-header">
        <h1>{title}</h1>
        {actions && <div>{actions}</div>}
      </div>
      {children}
    </>
  );
}
