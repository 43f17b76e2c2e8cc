// A dialog around one form whose primary action previews the change (Cancel / "Preview change").
import { useId, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';

export interface FormDialogProps {
  title: string;
  testId: string;
  submitLabel: string;
  onClose(): void;
  onSubmit(e: FormEvent<HTMLFormElement>): void;
  busy?: boolean;
  children: ReactNode;
}

export function FormDialog({ title, testId, submitLabel, onClose, onSubmit, busy, children }: FormDialogProps): React.JSX.Element {
  const { t } = useTranslation();
  const formId = `${useId()}-form`;
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      testId={testId}
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="primary" type="submit" form={formId} busy={busy} data-autofocus>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} className="stack pv-form" onSubmit={onSubmit} noValidate>
        {children}
      </form>
    </Dialog>
  );
}
