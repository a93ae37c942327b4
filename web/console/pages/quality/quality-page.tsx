import { t } from '../../i18n';
import { isManager } from '../../state/session';
import { PhrasesEditor } from './phrases-editor';
import { Ledger } from './ledger';

/** 服务质量: the violations ledger (managers: everyone's; agents: their own) and the forbidden phrases. */
export default function QualityPage() {
  return (
    <div class="page quality">
      <h1>{isManager.value ? t('quality.title') : t('quality.myTitle')}</h1>
      <Ledger />
      <PhrasesEditor />
    </div>
  );
}
