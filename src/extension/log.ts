// The "CloudTrail Lens" log channel. The user picks the level in the channel's menu; the
// channel is revealed once, on the first error of a session, and never again after that.
// Messages quote file names, URIs and rule text: every line goes through visibleText, so no
// control or bidi character from them can disguise the log.
import * as vscode from 'vscode';
import { visibleLines, visibleText } from '../core/display-text';
import { errorMessage } from './error-text';

export const SHOW_LOG_COMMAND = 'cloudtrailLens.showLog';

export class ExtensionLog implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private revealed = false;

  constructor() {
    this.channel = vscode.window.createOutputChannel('CloudTrail Lens', { log: true });
  }

  info(message: string): void {
    this.channel.info(visibleText(message));
  }

  warn(message: string): void {
    this.channel.warn(visibleText(message));
  }

  debug(message: string): void {
    this.channel.debug(visibleText(message));
  }

  /** Logs an error (with its stack) and reveals the channel if it is the first one. */
  error(message: string, error?: unknown): void {
    this.channel.error(visibleText(error === undefined ? message
      : `${message}: ${errorMessage(error)}`));
    if (error instanceof Error && error.stack !== undefined) {
      this.channel.debug(visibleLines(error.stack));
    }

    if (this.revealed) return;
    this.revealed = true;
    this.channel.show(true);
  }

  show(): void {
    this.channel.show();
  }

  dispose(): void {
    this.channel.dispose();
  }
}
