import { lazy, type ComponentType } from 'react';
import { FileAddOutlined, FileDoneOutlined } from '@ant-design/icons';
import type { Feature } from '../types';
import { loadCasesMessages } from './messages';

/** A lazy page whose messages are loaded with it (see messages.ts). */
const page =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => {
    const [m] = await Promise.all([load(), loadCasesMessages()]);
    return { Component: pick(m) };
  };

/**
 * The cases face of the web app (docs/cases-pages.md): portal — my cases, case page, apply online,
 * receipt, progress lookup, certificate verification (the QR target), wallet, disclosure;
 * workbench — to-do list, staff case page, 一窗受理 (e-supervision is the supervision feature's).
 */
export const feature: Feature = {
  portalRoutes: [
    {
      path: 'cases/mine',
      lazy: page(
        () => import('./portal/MyCasesPage'),
        (m) => m.MyCasesPage,
      ),
    },
    {
      path: 'cases/:caseNo',
      lazy: page(
        () => import('./portal/CasePage'),
        (m) => m.CasePage,
      ),
    },
    {
      path: 'cases/:caseNo/receipt',
      lazy: page(
        () => import('./portal/ReceiptPage'),
        (m) => m.ReceiptPage,
      ),
    },
    {
      path: 'apply/:implementationCode',
      lazy: page(
        () => import('./portal/ApplyPage'),
        (m) => m.ApplyPage,
      ),
    },
    {
      path: 'progress',
      lazy: page(
        () => import('./portal/ProgressPage'),
        (m) => m.ProgressPage,
      ),
    },
    {
      path: 'certificates/verify',
      lazy: page(
        () => import('./portal/VerifyPage'),
        (m) => m.VerifyPage,
      ),
    },
    {
      path: 'certificates/:identifier/verify',
      lazy: page(
        () => import('./portal/VerifyPage'),
        (m) => m.VerifyPage,
      ),
    },
    {
      path: 'me/messages',
      lazy: page(
        () => import('./portal/MessagesPage'),
        (m) => m.MessagesPage,
      ),
    },
    {
      path: 'me/certificates',
      lazy: page(
        () => import('./portal/WalletPage'),
        (m) => m.WalletPage,
      ),
    },
    {
      path: 'disclosure',
      lazy: page(
        () => import('./portal/DisclosurePage'),
        (m) => m.DisclosurePage,
      ),
    },
  ],
  workbenchRoutes: [
    {
      path: 'cases',
      lazy: page(
        () => import('./workbench/TodoPage'),
        (m) => m.TodoPage,
      ),
    },
    {
      path: 'cases/file',
      lazy: page(
        () => import('./workbench/WindowFilePage'),
        (m) => m.WindowFilePage,
      ),
    },
    {
      path: 'cases/:caseNo',
      lazy: page(
        () => import('./workbench/StaffCasePage'),
        (m) => m.StaffCasePage,
      ),
    },
    {
      path: 'cases/:caseNo/receipt',
      lazy: page(
        () => import('./workbench/StaffCasePage'),
        (m) => m.StaffReceiptPage,
      ),
    },
  ],
  workbenchNav: [
    {
      key: 'cases-todo',
      path: '/workbench/cases',
      label: 'cases.nav.todo',
      icon: FileDoneOutlined,
      permission: 'cases.case.handle',
      summary: lazy(async () => {
        const [m] = await Promise.all([import('./workbench/TodoCounts'), loadCasesMessages()]);
        return { default: m.TodoCounts };
      }),
    },
    { key: 'cases-file', path: '/workbench/cases/file', label: 'cases.nav.file', icon: FileAddOutlined, permission: 'cases.case.file_for_applicant' },
  ],
};
