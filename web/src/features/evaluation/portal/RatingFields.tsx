import { Checkbox, Form, Input, Radio, Rate, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { evaluationTags, levels } from '../api';
import { isBad } from '../labels';

type LevelKey = 'evaluation.level.1';
type DimKey = 'evaluation.dimension.overall';
type TagKey = 'evaluation.tag.other';

/**
 * The fields of a rating, the same wherever a case is rated (its page, an SMS link, a visit code):
 * the level, one star row per dimension besides the overall one (the level is the overall),
 * what went wrong (asked for when the level is bad) and a comment.
 */
export function RatingFields({ dimensions, level }: { dimensions: readonly string[]; level: number | undefined }) {
  const { t } = useTranslation();
  const starTips = [1, 2, 3, 4, 5].map((n) => t(`evaluation.level.${n}` as LevelKey));
  return (
    <>
      <Form.Item name="level" label={t('evaluation.card.level')} rules={[{ required: true, message: t('validation.required') }]}>
        <Radio.Group>
          <Space wrap>
            {levels.map((l) => (
              <Radio.Button key={l} value={l}>
                {t(`evaluation.level.${l}` as LevelKey)}
              </Radio.Button>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <fieldset>
        <legend>{t('evaluation.card.dimensions')}</legend>
        <div className="ev-dims">
          {dimensions
            .filter((d) => d !== 'overall')
            .map((d) => (
              <Form.Item key={d} name={['dimensions', d]} label={t(`evaluation.dimension.${d}` as DimKey)}>
                <Rate count={5} tooltips={starTips} />
              </Form.Item>
            ))}
        </div>
      </fieldset>
      <Form.Item name="tags" label={t('evaluation.card.tags')} extra={level && isBad(level) ? t('evaluation.card.tagsHint') : undefined}>
        <Checkbox.Group>
          <Space orientation="vertical">
            {evaluationTags.map((tag) => (
              <Checkbox key={tag} value={tag}>
                {t(`evaluation.tag.${tag}` as TagKey)}
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="comment" label={t('evaluation.card.comment')}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </>
  );
}
