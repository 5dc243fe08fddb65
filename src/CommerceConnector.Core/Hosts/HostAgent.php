<?php
// CommerceConnector's server-side half: run by `php -r 'eval(base64_decode($argv[1]));' <this file, base64> <request, base64 JSON>`
// over SSH, as the SSH user, in the user's own umask. It never receives secret material on its command line: new file
// content arrives on standard input after a "ready" line, checked against its length and SHA-256 before anything is
// renamed. One JSON object on standard output is the answer; its "error" names what went wrong.
// Needs PHP 7.0+ (fsync is used when PHP has it, 8.1+; otherwise `sync` is run on the file).

function cc_out(array $answer) { fwrite(STDOUT, json_encode($answer, JSON_UNESCAPED_SLASHES) . "\n"); exit(0); }
function cc_fail($error, $message, array $extra = []) { cc_out(['error' => $error, 'message' => $message] + $extra); }
function cc_last_error() { $e = error_get_last(); return $e ? $e['message'] : 'unknown error'; }

function cc_sync($handle, $path) {
    if (function_exists('fsync')) { return fsync($handle); }
    fflush($handle);
    exec('sync ' . escapeshellarg($path) . ' 2>/dev/null', $ignored, $code);
    return true;
}

function cc_sync_folder($folder) {
    $h = @fopen($folder, 'r');
    if ($h === false) { return; }
    if (function_exists('fsync')) { @fsync($h); }
    fclose($h);
}

// The file a path stands for: itself or, through symbolic links, its target. Errors: NotFound, Dangling, NotAFile.
function cc_resolve($path) {
    if (!file_exists($path)) {
        if (is_link($path)) { cc_fail('Dangling', "'$path' is a symbolic link to a file that does not exist.", ['path' => $path, 'link' => readlink($path)]); }
        cc_fail('NotFound', "'$path' does not exist.", ['path' => $path, 'folderExists' => is_dir(dirname($path))]);
    }
    $target = realpath($path);
    if ($target === false) { cc_fail('NotFound', "'$path' cannot be resolved: " . cc_last_error(), ['path' => $path]); }
    if (!is_file($target)) { cc_fail('NotAFile', "'$path' is not a file.", ['path' => $path]); }
    return $target;
}

function cc_identity($path, $target, $content) {
    clearstatcache(true, $target);
    $st = stat($target);
    $owner = function_exists('posix_getpwuid') ? posix_getpwuid($st['uid']) : false;
    $group = function_exists('posix_getgrgid') ? posix_getgrgid($st['gid']) : false;
    return [
        'path' => $path, 'target' => $target, 'link' => is_link($path),
        'mode' => $st['mode'] & 07777, 'uid' => $st['uid'], 'gid' => $st['gid'],
        'owner' => $owner ? $owner['name'] : null, 'group' => $group ? $group['name'] : null,
        'size' => strlen($content), 'sha256' => hash('sha256', $content),
    ];
}

// Leftovers of a writer whose connection dropped: `.<name>.<32 hex>.tmp` that no live writer holds (flock).
function cc_remove_leftovers($folder) {
    $names = @scandir($folder);
    if ($names === false) { return; }
    foreach ($names as $name) {
        if (!preg_match('/^\..+\.[0-9a-f]{32}\.tmp$/', $name)) { continue; }
        $file = $folder . '/' . $name;
        $h = @fopen($file, 'r');
        if ($h === false) { continue; }
        if (flock($h, LOCK_EX | LOCK_NB)) { @unlink($file); }
        fclose($h);
    }
}

// A new owner-only temporary file beside $target, locked until it is renamed.
function cc_create_temporary($folder, $name) {
    $old = umask(077);
    $path = $folder . '/.' . $name . '.' . bin2hex(random_bytes(16)) . '.tmp';
    $h = @fopen($path, 'x');
    umask($old);
    if ($h === false) { cc_fail('WriteFailed', "A temporary file cannot be created in '$folder': " . cc_last_error(), ['path' => $folder]); }
    chmod($path, 0600);
    flock($h, LOCK_EX);
    return [$path, $h];
}

function cc_give($path, $h, $mode, $uid, $gid) {
    clearstatcache(true, $path);
    $st = stat($path);
    if ($st['uid'] !== $uid && !@chown($path, $uid)) { fclose($h); @unlink($path); cc_fail('WriteFailed', "'$path' must keep owner $uid, which this SSH user cannot give it. Connect as the file's owner.", ['path' => $path]); }
    if ($st['gid'] !== $gid && !@chgrp($path, $gid)) { fclose($h); @unlink($path); cc_fail('WriteFailed', "'$path' must keep group $gid, which this SSH user cannot give it. Connect as the file's owner.", ['path' => $path]); }
    chmod($path, $mode);
}

function cc_write_whole($folder, $name, $bytes, $mode, $uid, $gid, $destination) {
    list($tmp, $h) = cc_create_temporary($folder, $name);
    if (fwrite($h, $bytes) !== strlen($bytes) || !fflush($h) || !cc_sync($h, $tmp)) { fclose($h); @unlink($tmp); cc_fail('WriteFailed', "'$destination' cannot be written: " . cc_last_error(), ['path' => $destination]); }
    cc_give($tmp, $h, $mode, $uid, $gid);
    if (!@rename($tmp, $destination)) { fclose($h); @unlink($tmp); cc_fail('WriteFailed', "'$destination' cannot be written: " . cc_last_error(), ['path' => $destination]); }
    fclose($h);
}

function cc_backups($folder, $name, $marker) {
    $found = [];
    foreach ((@scandir($folder) ?: []) as $entry) {
        if (strpos($entry, $name . $marker) === 0 && preg_match('/^\d{8}T\d{9}Z$/', substr($entry, strlen($name . $marker)))) { $found[] = $folder . '/' . $entry; }
    }
    rsort($found, SORT_STRING);
    return $found;
}

$request = json_decode(base64_decode($argv[2]), true);
switch ($request['op']) {
    case 'read':
        $files = [];
        foreach ($request['paths'] as $path) {
            if (!file_exists($path)) {
                $files[] = is_link($path)
                    ? ['path' => $path, 'error' => 'Dangling', 'message' => "'$path' is a symbolic link to a file that does not exist."]
                    : ['path' => $path, 'error' => 'NotFound', 'message' => "'$path' does not exist.", 'folderExists' => is_dir(dirname($path))];
                continue;
            }
            $target = realpath($path);
            if ($target === false || !is_file($target)) { $files[] = ['path' => $path, 'error' => 'NotAFile', 'message' => "'$path' is not a file."]; continue; }
            if (!empty($request['removeLeftovers'])) { cc_remove_leftovers(dirname($target)); }
            $content = @file_get_contents($target);
            if ($content === false) { $files[] = ['path' => $path, 'error' => 'Unreadable', 'message' => "'$path' cannot be read: " . cc_last_error()]; continue; }
            $files[] = cc_identity($path, $target, $content) + ['content' => base64_encode($content)];
        }
        cc_out(['files' => $files]);

    case 'replace':
        $path = $request['path'];
        $target = cc_resolve($path);
        $folder = dirname($target);
        $name = basename($target);
        cc_remove_leftovers($folder);
        $current = @file_get_contents($target);
        if ($current === false) { cc_fail('Unreadable', "'$path' cannot be read: " . cc_last_error(), ['path' => $path]); }
        if (hash('sha256', $current) !== $request['expectedSha256']) { cc_fail('Changed', "'$path' changed since it was read.", ['path' => $path]); }
        clearstatcache(true, $target);
        $st = stat($target);
        $backup = null;
        if (!empty($request['backupStamp'])) {
            $backup = $folder . '/' . $name . $request['backupMarker'] . $request['backupStamp'];
            // The backup holds the same private keys: owner-only whatever the file's own mode, but the same owner.
            cc_write_whole($folder, basename($backup), $current, 0600, $st['uid'], $st['gid'], $backup);
        }
        list($tmp, $h) = cc_create_temporary($folder, $name);
        fwrite(STDOUT, "ready " . basename($tmp) . "\n");
        fflush(STDOUT);
        $length = (int)$request['length'];
        $hash = hash_init('sha256');
        $received = 0;
        while ($received < $length) {
            $chunk = fread(STDIN, min(65536, $length - $received));
            if ($chunk === false || $chunk === '') { break; }
            if (fwrite($h, $chunk) !== strlen($chunk)) { fclose($h); @unlink($tmp); cc_fail('WriteFailed', "'$path' cannot be written: " . cc_last_error(), ['path' => $path]); }
            hash_update($hash, $chunk);
            $received += strlen($chunk);
        }
        if ($received !== $length || hash_final($hash) !== $request['sha256']) {
            fclose($h);
            @unlink($tmp);
            cc_fail('Incomplete', "The new content of '$path' arrived incomplete ($received of $length bytes); nothing was changed.", ['path' => $path]);
        }
        if (!fflush($h) || !cc_sync($h, $tmp)) { fclose($h); @unlink($tmp); cc_fail('WriteFailed', "'$path' cannot be written: " . cc_last_error(), ['path' => $path]); }
        cc_give($tmp, $h, $st['mode'] & 07777, $st['uid'], $st['gid']);
        // Compare what was read once more, just before the rename: a change by someone else is refused, never overwritten.
        clearstatcache(true, $target);
        $now = @file_get_contents($target);
        if ($now === false || hash('sha256', $now) !== $request['expectedSha256']) { fclose($h); @unlink($tmp); cc_fail('Changed', "'$path' changed since it was read.", ['path' => $path]); }
        if (!@rename($tmp, $target)) { fclose($h); @unlink($tmp); cc_fail('WriteFailed', "'$path' cannot be replaced: " . cc_last_error(), ['path' => $path]); }
        fclose($h);
        cc_sync_folder($folder);
        if ($backup !== null) {
            foreach (array_slice(cc_backups($folder, $name, $request['backupMarker']), (int)$request['backupsKept']) as $old) { @unlink($old); }
        }
        cc_out(['target' => $target, 'backup' => $backup, 'backups' => cc_backups($folder, $name, $request['backupMarker'])]);

    case 'backups':
        $target = cc_resolve($request['path']);
        cc_out(['target' => $target, 'backups' => cc_backups(dirname($target), basename($target), $request['backupMarker'])]);

    case 'magento':
        $root = $request['root'];
        if (!is_dir($root)) { cc_fail('NotFound', "'$root' does not exist.", ['path' => $root]); }
        if (!is_file($root . '/bin/magento')) { cc_fail('NoMagento', "'$root' has no bin/magento.", ['path' => $root]); }
        $command = escapeshellarg(PHP_BINARY) . ' bin/magento';
        foreach ($request['arguments'] as $argument) { $command .= ' ' . escapeshellarg($argument); }
        $process = proc_open($command . ' 2>&1 </dev/null', [1 => ['pipe', 'w']], $pipes, $root);
        if (!is_resource($process)) { cc_fail('WriteFailed', "bin/magento cannot be started in '$root'.", ['path' => $root]); }
        $output = stream_get_contents($pipes[1]);
        fclose($pipes[1]);
        cc_out(['exitCode' => proc_close($process), 'output' => base64_encode($output)]);

    default:
        cc_fail('BadRequest', 'Unknown operation.');
}
