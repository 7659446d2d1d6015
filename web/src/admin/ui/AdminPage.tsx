import type { ReactNode } from 'react';
import { useDocumentTitle } from '../../lib/use-document-title';

/** Title, primary actions, then the page. `titleLang`: the title is data in that language (an item's name: `zh-CN`). */
export function AdminPage({ title, titleLang, actions, children }: { title: string; titleLang?: string; actions?: ReactNode; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <>
      <div className="staff-page-header">
        <h1 lang={titleLang}>{title}</h1>
        {actions && <div>{actions}</div>}
      </div>
      {children}
    </>
  );
}
