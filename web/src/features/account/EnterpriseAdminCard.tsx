import { useState } from 'react';
import { App as AntApp, Button, Card, Form, Input, List, Popconfirm, Radio, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { applyServerErrors } from '../../lib/form-errors';
import { formatDate } from '../../lib/dayjs';
import { useAuthorizeAgent, useEnterpriseAgents, useMyEnterprises, useOpenEnterprise, useProfile, useRevokeAgent, type EnterpriseAgent } from './api';

const h2 = { margin: 0, fontSize: '1.1em' } as const;

/** 企业账号与经办人: the legal representative opens an enterprise account and manages its agents (docs/identity.md). */
export function EnterpriseAdminCard() {
  const { t } = useTranslation();
  const enterprises = useMyEnterprises();
  const mine = (enterprises.data?.items ?? []).filter((e) => e.legalRepresentative);
  return (
    <Card title={<h2 style={h2}>{t('account.enterprise.title')}</h2>} data-testid="enterprise-admin">
      <p>{t('account.enterprise.hint')}</p>
      <OpenEnterprise />
      {mine.map((e) => (
        <Agents key={e.id} id={e.id} name={e.name} />
      ))}
    </Card>
  );
}

interface OpenValues {
  uscc: string;
  name: string;
}

function OpenEnterprise() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OpenValues>();
  const open = useOpenEnterprise();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  return (
    <section aria-labelledby="open-enterprise">
      <h3 id="open-enterprise" style={{ fontSize: '1em' }}>
        {t('account.enterprise.open')}
      </h3>
      {open.error && <ProblemAlert error={open.error} leftover={leftover} />}
      <Form<OpenValues>
        name="open-enterprise"
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) =>
          open.mutate(
            { uscc: values.uscc.trim().toUpperCase(), name: values.name.trim() },
            {
              onSuccess: (r) => {
                form.resetFields();
                void message.success(t('account.enterprise.opened', { name: r.name }));
              },
              onError: (e) => setLeftover(applyServerErrors(form, e, ['uscc', 'name'])),
            },
          )
        }
      >
        <Form.Item name="uscc" label={t('account.enterprise.uscc')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('account.enterprise.name')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={100} autoComplete="organization" />
        </Form.Item>
        <Button htmlType="submit" loading={open.isPending}>
          {t('account.enterprise.open')}
        </Button>
      </Form>
    </section>
  );
}

interface AgentValues {
  name: string;
  idNumber: string;
  scope: 'all' | 'listed';
  itemCodes?: string;
  authorizedFrom?: string;
  authorizedUntil?: string;
}

function Agents({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AgentValues>();
  const agents = useEnterpriseAgents(id);
  const authorize = useAuthorizeAgent(id);
  const revoke = useRevokeAgent(id);
  const self = useProfile().data?.person?.id;
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const scope = Form.useWatch('scope', form);
  const headingId = `agents-${id}`;
  return (
    <section aria-labelledby={headingId} data-testid="enterprise-agents" style={{ marginTop: 24 }}>
      <h3 id={headingId} style={{ fontSize: '1em' }}>
        {t('account.enterprise.agents')}{' '}
        <span data-data lang="zh-CN">
          {name}
        </span>
      </h3>
      {agents.error && <ProblemAlert error={agents.error} />}
      {revoke.error && <ProblemAlert error={revoke.error} />}
      <List
        loading={agents.isPending}
        dataSource={agents.data ?? []}
        locale={{ emptyText: <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('account.enterprise.empty')}</span> }}
        renderItem={(a) => (
          <List.Item
            data-testid="agent-row"
            actions={
              // The legal representative's own standing authorisation is not revoked here.
              a.revokedAt || a.personId === self
                ? []
                : [
                    <Popconfirm
                      key="revoke"
                      title={t('account.enterprise.revokeConfirm')}
                      onConfirm={() => revoke.mutate(a.personId)}
                      okText={t('account.enterprise.revoke')}
                    >
                      <Button size="small" danger loading={revoke.isPending && revoke.variables === a.personId}>
                        {t('account.enterprise.revoke')}
                      </Button>
                    </Popconfirm>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <>
                  <span data-data>{a.name}</span> <span style={{ fontWeight: 'normal' }}>{a.idNumberMasked}</span>
                </>
              }
              description={<AgentTerms a={a} />}
            />
          </List.Item>
        )}
      />
      {authorize.error && <ProblemAlert error={authorize.error} leftover={leftover} />}
      <Form<AgentValues>
        name={`authorize-agent-${id}`}
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ scope: 'all' }}
        onFinish={(v) =>
          authorize.mutate(
            {
              name: v.name.trim(),
              idNumber: v.idNumber.trim().toUpperCase(),
              itemCodes:
                v.scope === 'listed'
                  ? (v.itemCodes ?? '')
                      .split(/[\s,，]+/)
                      .map((c) => c.trim())
                      .filter(Boolean)
                  : null,
              authorizedFrom: v.authorizedFrom || null,
              authorizedUntil: v.authorizedUntil || null,
            },
            {
              onSuccess: (r) => {
                form.resetFields();
                setLeftover([]);
                void message.success(t('account.enterprise.authorized', { name: r.name }));
              },
              onError: (e) => setLeftover(applyServerErrors(form, e, ['name', 'idNumber', 'itemCodes', 'authorizedFrom', 'authorizedUntil'])),
            },
          )
        }
      >
        <Form.Item name="name" label={t('account.enterprise.agentName')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('account.enterprise.idNumber')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="scope" label={t('account.enterprise.scope')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('account.enterprise.allItems') },
              { value: 'listed', label: t('account.enterprise.listedItems') },
            ]}
          />
        </Form.Item>
        {scope === 'listed' && (
          <Form.Item name="itemCodes" label={t('account.enterprise.itemCodes')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px' }}>
          <Form.Item name="authorizedFrom" label={t('account.enterprise.from')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="authorizedUntil" label={t('account.enterprise.until')}>
            <Input type="date" />
          </Form.Item>
        </div>
        <Button htmlType="submit" type="primary" loading={authorize.isPending}>
          {t('account.enterprise.authorize')}
        </Button>
      </Form>
    </section>
  );
}

function AgentTerms({ a }: { a: EnterpriseAgent }) {
  const { t } = useTranslation();
  const period = t('account.enterprise.period', {
    from: a.authorizedFrom ? formatDate(a.authorizedFrom) : '—',
    until: a.authorizedUntil ? formatDate(a.authorizedUntil) : t('account.enterprise.openEnded'),
  });
  const items = a.itemCodes ? a.itemCodes.join(', ') : t('account.enterprise.allItems');
  const status = a.revokedAt ? (
    <Tag color="default">{t('account.enterprise.revoked')}</Tag>
  ) : a.current ? (
    <Tag color="green">{t('account.enterprise.active')}</Tag>
  ) : (
    <Tag color="orange">{t('account.enterprise.notActive')}</Tag>
  );
  return (
    <span data-testid="agent-terms">
      {status} {items} · {period}
    </span>
  );
}
