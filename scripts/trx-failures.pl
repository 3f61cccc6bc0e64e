#!/usr/bin/perl
# Prints every failed test of the given TRX files: name, duration, message, the top of the stack trace and the last
# lines the test wrote (servers' logs, timings). The test command prints this just above its summary line, so a
# failure can be read from the end of the output alone.
use strict;
use warnings;

sub unxml {
  my $s = shift // '';
  $s =~ s/&lt;/</g;
  $s =~ s/&gt;/>/g;
  $s =~ s/&quot;/"/g;
  $s =~ s/&apos;/'/g;
  $s =~ s/&#x([0-9A-Fa-f]+);/chr(hex($1))/ge;
  $s =~ s/&amp;/&/g;
  return $s;
}

sub lines {
  my ($text, $first, $last) = @_;
  my @all = split /\n/, unxml($text);
  @all = @all[0 .. $first - 1] if defined $first && @all > $first;
  @all = @all[-$last .. -1] if defined $last && @all > $last;
  print "  | $_\n" for @all;
}

binmode STDOUT, ':encoding(UTF-8)';
local $/;
for my $file (@ARGV) {
  open(my $fh, '<:encoding(UTF-8)', $file) or next;
  my $xml = <$fh>;
  close $fh;
  while ($xml =~ /<UnitTestResult\b([^>]*?)(?:\/>|>(.*?)<\/UnitTestResult>)/gs) {
    my ($attrs, $body) = ($1, $2 // '');
    next unless $attrs =~ /outcome="Failed"/;
    my ($name) = $attrs =~ /testName="([^"]*)"/;
    my ($duration) = $attrs =~ /duration="([^"]*)"/;
    my ($stdout) = $body =~ /<StdOut>(.*?)<\/StdOut>/s;
    my ($message) = $body =~ /<Message>(.*?)<\/Message>/s;
    my ($stack) = $body =~ /<StackTrace>(.*?)<\/StackTrace>/s;
    print "FAILED ", unxml($name // '?'), " [", ($duration // '?'), "]\n";
    if (defined $stdout) {
      print "  output, last lines:\n";
      lines($stdout, undef, 30);
    }
    print "  message:\n";
    lines($message, 25, undef);
    print "  stack:\n";
    lines($stack, 8, undef);
  }
}
