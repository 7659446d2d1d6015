import { App as AntApp } from 'antd';
import { RequireAuth } from '../components/RequireAuth';
import { MePage } from './MePage';
import { ChangePasswordPage } from './ChangePasswordPage';

/** The account pages need a signed-in user; RequireAuth sends anyone else to sign in and back. */
export function MeRoute() {
  return (
    <RequireAuth>
      <MePage />
    </RequireAuth>
  );
}

export function PasswordRoute() {
  return (
    <RequireAuth>
      <AntApp component={false}>
        <ChangePasswordPage />
      </AntApp>
    </RequireAuth>
  );
}
