import { Button, Card, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useActingFor, useMyEnterprises } from './api';

/** 办事身份: act as myself or for an enterprise I am authorised for (an agent, 经办人, or its legal representative). */
export function EnterprisesCard() {
  const { t } = useTranslation();
  const enterprises = useMyEnterprises();
  const acting = useActingFor();
  const items = enterprises.data?.items ?? [];
  if (!enterprises.data || (items.length === 0 && !enterprises.data.actingFor)) return null;
  const current = enterprises.data.actingFor;
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('account.agents.title')}</h2>} data-testid="acting-for">
      <p>{t('account.agents.hint')}</p>
      {acting.error && <ProblemAlert error={acting.error} />}
      <List
        dataSource={[{ id: null, name: t('account.agents.myself'), legalRepresentative: false, authorizedUntil: null }, ...items]}
        renderItem={(e) => (
          <List.Item
            actions={[
              current === e.id ? (
                <Tag key="current" color="blue">
                  {t('account.agents.current')}
                </Tag>
              ) : (
                <Button key="switch" size="small" loading={acting.isPending && acting.variables === e.id} onClick={() => acting.mutate(e.id)}>
                  {t('account.agents.switch')}
                </Button>
              ),
            ]}
          >
            <List.Item.Meta
              title={<span data-data>{e.name}</span>}
              description={
                e.id === null
                  ? null
                  : e.legalRepresentative
                    ? t('account.agents.legalRepresentative')
                    : e.authorizedUntil
                      ? t('account.agents.until', { date: e.authorizedUntil })
                      : t('account.agents.agent')
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
