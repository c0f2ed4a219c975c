#!/usr/bin/env python3
# gen-instances.py — write a large, realistic aliyun CLI `--pager` dump of ECS instances.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: gen-instances.py N [--seed S] [-o FILE] [--tabs]
#
# Writes {"Instances":{"Instance":[...]}} with N instances shaped like the output of
# `aliyun ecs DescribeInstances --pager` (ECS API 2014-05-26): every field a real answer
# carries, keys sorted (the CLI re-marshals the merged pages from a Go map), 2-space
# indentation, UTF-8 (Chinese names stay unescaped). The same N and seed always give the
# same bytes. Python 3 standard library only; output is streamed, so memory stays flat.
#
# The mix: ~80% mainland regions, the rest Hong Kong and overseas; ~30% pay-as-you-go;
# creation and expiry dates spread over 2023-2028 around the reference "now" of the
# benchmarks (2026-11-20T08:00Z), so some subscriptions are expired, some too short,
# some about to expire; some EIPs, some instances without any public address, a few
# financial / security locks, spot instances, classic-network leftovers, GPU and burstable
# types, Windows and Linux images.
#
# Public addresses are drawn from the documentation ranges (RFC 5737), so they repeat in
# large files; nothing here is a real account's data.

import argparse
import datetime as dt
import itertools
import os
import random
import sys
from json.encoder import encode_basestring as es   # the C version when available

# Region id -> (resource id prefix, zone letters, weight). Weights give ~80% mainland.
REGIONS = {
  "cn-hangzhou": ("bp1", "bhijk", 22),
  "cn-shanghai": ("uf6", "bdefgl", 14),
  "cn-beijing": ("2ze", "cfghijkl", 14),
  "cn-shenzhen": ("wz9", "acdef", 10),
  "cn-qingdao": ("m5e", "bc", 4),
  "cn-zhangjiakou": ("8vb", "abc", 4),
  "cn-huhehaote": ("hp3", "ab", 2),
  "cn-wulanchabu": ("0jl", "abc", 2),
  "cn-chengdu": ("2vc", "ab", 4),
  "cn-guangzhou": ("7xv", "ab", 2),
  "cn-heyuan": ("f8z", "ab", 2),
  "cn-hongkong": ("j6c", "bcd", 8),
  "ap-southeast-1": ("t4n", "abc", 6),
  "ap-northeast-1": ("6we", "ab", 2),
  "us-west-1": ("rj9", "ab", 2),
  "eu-central-1": ("gw8", "ab", 2),
}

# (InstanceType, family, vCPU, memory MiB, GPU count, GPU spec, credit specification)
TYPES = [
  ("ecs.g7.large", "ecs.g7", 2, 8192, 0, "", ""),
  ("ecs.g7.xlarge", "ecs.g7", 4, 16384, 0, "", ""),
  ("ecs.g7.2xlarge", "ecs.g7", 8, 32768, 0, "", ""),
  ("ecs.c7.large", "ecs.c7", 2, 4096, 0, "", ""),
  ("ecs.c7.xlarge", "ecs.c7", 4, 8192, 0, "", ""),
  ("ecs.r7.large", "ecs.r7", 2, 16384, 0, "", ""),
  ("ecs.g8i.xlarge", "ecs.g8i", 4, 16384, 0, "", ""),
  ("ecs.g6.large", "ecs.g6", 2, 8192, 0, "", ""),
  ("ecs.c6.2xlarge", "ecs.c6", 8, 16384, 0, "", ""),
  ("ecs.u1-c1m2.large", "ecs.u1", 2, 4096, 0, "", ""),
  ("ecs.e-c1m2.large", "ecs.e", 2, 4096, 0, "", ""),
  ("ecs.t6-c1m2.large", "ecs.t6", 2, 4096, 0, "", "Standard"),
  ("ecs.t6-c2m1.large", "ecs.t6", 2, 1024, 0, "", "Unlimited"),
  ("ecs.s6-c1m1.small", "ecs.s6", 1, 1024, 0, "", ""),
  ("ecs.gn6i-c4g1.xlarge", "ecs.gn6i", 4, 15360, 1, "NVIDIA T4", ""),
  ("ecs.gn7i-c8g1.2xlarge", "ecs.gn7i", 8, 30720, 1, "NVIDIA A10", ""),
  ("ecs.sn1ne.large", "ecs.sn1ne", 2, 4096, 0, "", ""),     # an older family, for old instances
]
TYPE_WEIGHTS = [14, 8, 3, 8, 4, 3, 4, 6, 2, 8, 8, 6, 3, 4, 1, 1, 1]

# (OSName, OSNameEn, OSType, ImageId)
IMAGES = [
  ("Alibaba Cloud Linux  3.2104 LTS 64位", "Alibaba Cloud Linux  3.2104 LTS 64 bit", "linux",
   "aliyun_3_x64_20G_alibase_20240819.vhd"),
  ("CentOS  7.9 64位", "CentOS  7.9 64 bit", "linux", "centos_7_9_x64_20G_alibase_20240628.vhd"),
  ("Ubuntu  22.04 64位", "Ubuntu  22.04 64 bit", "linux",
   "ubuntu_22_04_x64_20G_alibase_20240926.vhd"),
  ("Ubuntu  24.04 64位", "Ubuntu  24.04 64 bit", "linux",
   "ubuntu_24_04_x64_20G_alibase_20250113.vhd"),
  ("Debian  12.6 64位", "Debian  12.6 64 bit", "linux", "debian_12_6_x64_20G_alibase_20240717.vhd"),
  ("Rocky Linux  9.4 64位", "Rocky Linux  9.4 64 bit", "linux",
   "rockylinux_9_4_x64_20G_alibase_20240709.vhd"),
  ("Windows Server  2022 数据中心版 64位中文版",
   "Windows Server  2022 Data Center Edition 64bit Chinese Edition", "windows",
   "win2022_21H2_x64_dtc_zh-cn_40G_alibase_20241016.vhd"),
  ("Windows Server  2019 数据中心版 64位英文版",
   "Windows Server  2019 Data Center Edition 64bit English Edition", "windows",
   "win2019_1809_x64_dtc_en-us_40G_alibase_20240815.vhd"),
]
IMAGE_WEIGHTS = [30, 18, 18, 8, 6, 4, 10, 6]

NAMES = ["web-prod", "web", "api", "api-gateway", "官网-前端", "官网-后台", "测试机", "数据库-主",
         "数据库-从", "k8s-node", "k8s-master", "jenkins", "小程序后端", "运维跳板机", "bastion",
         "redis-cache", "日志分析", "商城-后台", "oa-系统", "crm", "gitlab", "nginx-lb", "监控",
         "staging", "dev", "支付回调", "文件服务器", "mq-broker", "es-node", "backup"]
DESCRIPTIONS = ["", "", "", "", "", "官网前端服务器", "生产环境，勿动", "临时测试，用完释放",
                "CI runner", "legacy app, migrate in 2027", "小程序 API", "对外服务"]
TAGS = [("env", "prod"), ("env", "test"), ("env", "staging"), ("项目", "官网"), ("项目", "商城"),
        ("owner", "ops"), ("owner", "dev-team"), ("成本中心", "市场部"), ("app", "crm")]
ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz"
DOC_NETS = ("203.0.113.", "198.51.100.", "192.0.2.")

NOW = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.timezone.utc)
PAYG_EXPIRY = "2099-12-31T15:59Z"


def fmt_time(t, seconds=False):
  """Alibaba's usual minute-precision UTC form, optionally with seconds."""
  return t.strftime("%Y-%m-%dT%H:%M:%SZ" if seconds else "%Y-%m-%dT%H:%MZ")


def add_months(t, months):
  """Calendar months, clamping the day (Jan 31 + 1 month = Feb 28/29)."""
  m = t.month - 1 + months
  y = t.year + m // 12
  m = m % 12 + 1
  mdays = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30,
           31, 31, 30, 31, 30, 31][m - 1]
  return t.replace(year=y, month=m, day=min(t.day, mdays))


def subscription_end(created, months):
  """A subscription ends at midnight Beijing time (16:00Z) after the last day of the term."""
  end = add_months(created, months)
  # 00:00 China time of the day after the term ends = 16:00Z of the term's last day.
  local = (end + dt.timedelta(hours=8)).date()
  return dt.datetime(local.year, local.month, local.day, 16, 0, tzinfo=dt.timezone.utc)


class Account:
  """Per-region shared resources (VPCs, vSwitches, security groups), so ids repeat the way
  they do in one real account."""

  def __init__(self, rng):
    self.rng = rng
    self.cache = {}
    self.rgs = [""] + ["rg-acfm" + self.rid(11) for _ in range(3)]

  def rid(self, n):
    return rand_id(self.rng, n)

  def region(self, region):
    c = self.cache.get(region)
    if c is None:
      prefix = REGIONS[region][0] if region in REGIONS else "8xj"
      vpcs = []
      for v in range(2):
        vpc = "vpc-" + prefix + self.rid(18)
        vsws = ["vsw-" + prefix + self.rid(18) for _ in range(3)]
        vpcs.append((vpc, vsws, "172.%d." % (16 + v)))
      sgs = ["sg-" + prefix + self.rid(17) for _ in range(4)]
      c = self.cache[region] = (prefix, vpcs, sgs)
    return c


ID_TABLE = ALNUM + ALNUM[:28]     # 64 entries, so that 6 random bits pick one character


def rand_id(rng, n):
  """n characters of [0-9a-z] (slightly biased to the first 28: fine for sample data)."""
  x = rng.getrandbits(6 * n)
  return "".join([ID_TABLE[(x >> s) & 63] for s in range(0, 6 * n, 6)])


def serial(rng):
  return "%08x-%04x-4%03x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16),
                                         rng.getrandbits(12), 0x8000 | rng.getrandbits(14),
                                         rng.getrandbits(48))


def mac(rng):
  return "00:16:3e:%02x:%02x:%02x" % (rng.getrandbits(8), rng.getrandbits(8), rng.getrandbits(8))


def public_ip(rng):
  return rng.choice(DOC_NETS) + str(rng.randint(1, 254))


def make_instance(rng, account, region, **spec):
  """One DescribeInstances entry. Anything not given in spec is drawn from rng.

  spec keys: created (datetime, required); expired (datetime, required for PrePaid); the
  others are optional: id, zone, name, host, description, charge ("PrePaid", default, or
  "PostPaid"), status, bandwidth (Mbit/s of
  the static public IP; 0 = none), public_ip (bool, default bandwidth > 0), eip (None or
  bandwidth in Mbit/s), eip_ip, eip_bandwidth_field (False: omit EipAddress.Bandwidth),
  ip (the static public IP), locks (list of LockReason strings), tags (list of pairs), type
  (index into TYPES), image (index into IMAGES), classic (bool), spot (strategy string),
  auto_release (datetime), seconds (bool: times with seconds), started (datetime),
  custom_image (bool), protect (bool), deployment_set, internet_charge, key_pair,
  http_tokens, resource_group, sgs (list of security group ids), stopped_mode.
  """
  prefix, vpcs, sgs = account.region(region)
  iid = spec.get("id") or "i-" + prefix + rand_id(rng, 17)
  zone_letters = REGIONS[region][1] if region in REGIONS else "a"
  zone = spec.get("zone") or region + "-" + rng.choice(zone_letters)
  itype, family, cpu, mem, gpus, gpuspec, credit = TYPES[
    spec["type"] if "type" in spec else rng.choices(TYPE_INDEX, cum_weights=TYPE_CUM)[0]]
  osname, osname_en, ostype, image = IMAGES[
    spec["image"] if "image" in spec else rng.choices(IMAGE_INDEX, cum_weights=IMAGE_CUM)[0]]
  if spec.get("custom_image", rng.random() < 0.12):
    image = "m-" + prefix + rand_id(rng, 17)   # a custom image
  charge = spec.get("charge", "PrePaid")
  created = spec["created"]
  seconds = spec.get("seconds", False)
  status = spec.get("status", "Running")
  locks = spec.get("locks", [])
  classic = spec.get("classic", False)
  bandwidth = spec.get("bandwidth", 0)
  eip_bw = spec.get("eip")
  has_public = spec.get("public_ip", bandwidth > 0) and eip_bw is None
  spot = spec.get("spot", "NoSpot")

  if charge == "PostPaid":
    expired = PAYG_EXPIRY
    sale_cycle = ""
  else:
    expired = fmt_time(spec["expired"], seconds)
    sale_cycle = rng.choice(("month", "month", "year"))
  if "stopped_mode" in spec:
    stopped_mode = spec["stopped_mode"]
  elif status == "Running":
    stopped_mode = "Not-applicable"
  elif charge == "PostPaid" and not classic:
    stopped_mode = rng.choice(("KeepCharging", "StopCharging"))
  else:
    stopped_mode = "KeepCharging"
  started = spec.get("started")
  if started is None:
    started = created
    if rng.random() < 0.4:
      span = max(60, int((min(NOW, spec.get("expired", NOW)) - created).total_seconds() // 60))
      started = created + dt.timedelta(minutes=rng.randrange(span))
  auto_release = spec.get("auto_release")

  if classic:
    inner = ["10.%d.%d.%d" % (rng.randint(24, 170), rng.randint(0, 255), rng.randint(1, 254))]
    vpc_attrs = {"NatIpAddress": "", "PrivateIpAddress": {"IpAddress": []}, "VSwitchId": "",
                 "VpcId": ""}
    nics = []
    network = "classic"
  else:
    vpc, vsws, net = vpcs[rng.randrange(len(vpcs))]
    private = net + "%d.%d" % (rng.randint(0, 255), rng.randint(1, 254))
    inner = []
    vpc_attrs = {"NatIpAddress": "", "PrivateIpAddress": {"IpAddress": [private]},
                 "VSwitchId": rng.choice(vsws), "VpcId": vpc}
    nics = [{"MacAddress": mac(rng), "NetworkInterfaceId": "eni-" + prefix + rand_id(rng, 17),
             "PrimaryIpAddress": private, "Type": "Primary",
             "PrivateIpSets": {"PrivateIpSet": [{"Primary": True, "PrivateIpAddress": private}]}}]
    if rng.random() < 0.06:
      second = net + "%d.%d" % (rng.randint(0, 255), rng.randint(1, 254))
      nics.append({"MacAddress": mac(rng), "NetworkInterfaceId": "eni-" + prefix + rand_id(rng, 17),
                   "PrimaryIpAddress": second, "Type": "Secondary",
                   "PrivateIpSets": {"PrivateIpSet": [{"Primary": True,
                                                       "PrivateIpAddress": second}]}})
    network = "vpc"

  if eip_bw is not None:
    eip = {"AllocationId": "eip-" + prefix + rand_id(rng, 17), "Bandwidth": eip_bw,
           "InternetChargeType": rng.choice(("PayByBandwidth", "PayByTraffic")),
           "IpAddress": spec.get("eip_ip") or public_ip(rng), "IsSupportUnassociate": True}
    if not spec.get("eip_bandwidth_field", True):
      del eip["Bandwidth"]           # optional in real answers
    out_bw = 0
  else:
    eip = {"AllocationId": "", "IpAddress": "", "InternetChargeType": ""}
    out_bw = bandwidth

  lock_list = []
  for reason in locks:
    msg = {"financial": "The specified instance is locked due to financial reason.",
           "security": "The specified instance is locked due to security reason."}.get(reason, "")
    lock_list.append({"LockMsg": msg, "LockReason": reason})

  name = spec.get("name") or "iZ%sZ" % iid[2:]
  host = spec.get("host") or ("iZ%sZ" % iid[2:] if ostype == "linux" else "iZ" + iid[2:14].upper())
  tags = spec.get("tags", [])
  return {
    "AutoReleaseTime": fmt_time(auto_release) if auto_release else "",
    "ClusterId": "",
    "Cpu": cpu,
    "CpuOptions": {"CoreCount": max(1, cpu // 2), "Numa": "ON" if cpu >= 2 else "",
                   "ThreadsPerCore": 2 if cpu >= 2 else 1},
    "CreationTime": fmt_time(created, seconds),
    "CreditSpecification": credit,
    "DedicatedHostAttribute": {"DedicatedHostClusterId": "", "DedicatedHostId": "",
                               "DedicatedHostName": ""},
    "DedicatedInstanceAttribute": {"Affinity": "", "Tenancy": ""},
    "DeletionProtection": spec.get("protect", charge == "PrePaid" and rng.random() < 0.3),
    "DeploymentSetId": spec.get("deployment_set", ""),
    "Description": spec.get("description", ""),
    "DeviceAvailable": True,
    "EcsCapacityReservationAttr": {"CapacityReservationId": "",
                                   "CapacityReservationPreference": ""},
    "EipAddress": eip,
    "ExpiredTime": expired,
    "GPUAmount": gpus,
    "GPUSpec": gpuspec,
    "HibernationOptions": {"Configured": False},
    "HostName": host,
    "ImageId": image,
    "InnerIpAddress": {"IpAddress": inner},
    "InstanceChargeType": charge,
    "InstanceId": iid,
    "InstanceName": name,
    "InstanceNetworkType": network,
    "InstanceType": itype,
    "InstanceTypeFamily": family,
    "InternetChargeType": spec.get("internet_charge",
                                   "PayByBandwidth" if charge == "PrePaid" else "PayByTraffic"),
    "InternetMaxBandwidthIn": -1 if network == "vpc" else 200,
    "InternetMaxBandwidthOut": out_bw,
    "IoOptimized": True,
    "KeyPairName": spec.get("key_pair", ""),
    "MetadataOptions": {"HttpEndpoint": "enabled", "HttpPutResponseHopLimit": 0,
                        "HttpTokens": spec.get("http_tokens", "optional")},
    "NetworkInterfaces": {"NetworkInterface": nics},
    "OSName": osname,
    "OSNameEn": osname_en,
    "OSType": ostype,
    "OperationLocks": {"LockReason": lock_list},
    "PublicIpAddress": {"IpAddress": [spec.get("ip") or public_ip(rng)] if has_public else []},
    "Recyclable": False,
    "RegionId": region,
    "ResourceGroupId": spec.get("resource_group", account.rgs[0]),
    "SaleCycle": sale_cycle,
    "SecurityGroupIds": {
      "SecurityGroupId": spec.get("sgs") or rng.sample(sgs, rng.choice((1, 1, 2)))},
    "SerialNumber": serial(rng),
    "SpotPriceLimit": 0.98 if spot == "SpotWithPriceLimit" else 0.0,
    "SpotStrategy": spot,
    "StartTime": fmt_time(started, seconds),
    "Status": status,
    "StoppedMode": stopped_mode,
    "Tags": {"Tag": [{"TagKey": k, "TagValue": v} for k, v in tags]},
    "VlanId": "",
    "VpcAttributes": vpc_attrs,
    "ZoneId": zone,
  }


EPOCH = dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc)
CLASSIC_EPOCH = dt.datetime(2016, 1, 1, tzinfo=dt.timezone.utc)
# A subscription instance that expired more than this long ago has been released, so it no
# longer shows up in DescribeInstances.
RELEASE_AFTER = dt.timedelta(days=15)


def random_instance(rng, account):
  """One instance with a realistic random mix of the cases the eligibility check cares for."""
  region = rng.choices(REGION_IDS, cum_weights=REGION_CUM)[0]
  spec = {}
  r = rng.random
  # A few classic-network leftovers, necessarily old; otherwise created 2023 .. now, newer
  # ones being more common.
  spec["classic"] = classic = r() < 0.01 and region.startswith("cn-") and region != "cn-hongkong"
  if classic:
    created = CLASSIC_EPOCH + dt.timedelta(minutes=rng.randrange(4 * 365 * 1440))
  else:
    created = EPOCH + dt.timedelta(minutes=rng.randrange(int((NOW - EPOCH).total_seconds() // 60)))
    if r() < 0.5:
      created = max(created, NOW - dt.timedelta(days=rng.randint(1, 400)))
  spec["seconds"] = r() < 0.05
  spec["created"] = created.replace(second=rng.randrange(60) if spec["seconds"] else 0)

  if r() < 0.30 and not classic:
    spec["charge"] = "PostPaid"
    if r() < 0.08:
      spec["spot"] = rng.choice(("SpotAsPriceGo", "SpotWithPriceLimit"))
    if r() < 0.05:
      spec["auto_release"] = NOW + dt.timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 23))
    spec["status"] = "Running" if r() < 0.85 else "Stopped"
    if r() < 0.02:                      # overdue payment
      spec["locks"] = ["financial"]
      spec["status"] = "Stopped"
  else:
    spec["charge"] = "PrePaid"
    months = rng.choice((1, 1, 2, 3, 3, 3, 6, 12, 12, 12, 12, 24, 36))
    expired = subscription_end(spec["created"], months)
    # Renewals (cumulative: the term keeps counting from the creation). An instance left
    # to expire long ago is gone; one that expired lately is still listed, stopped.
    while expired < NOW - RELEASE_AFTER or (expired < NOW and r() < 0.6):
      months += rng.choice((1, 1, 3, 6, 12, 12, 12, 24))
      expired = subscription_end(spec["created"], months)
    spec["expired"] = expired
    spec["status"] = "Running" if r() < 0.94 else rng.choice(("Stopped", "Stopped", "Starting"))
    if expired < NOW:
      spec["status"] = "Stopped"
      if NOW - expired > dt.timedelta(days=1) or r() < 0.5:
        spec["locks"] = ["financial"]
  if r() < 0.005:
    spec["locks"] = spec.get("locks", []) + ["security"]

  x = r()
  if x < 0.15 and not classic:
    spec["eip"] = rng.choice((1, 2, 5, 5, 10, 20, 50, 100))
  elif x < 0.80:
    spec["bandwidth"] = rng.choice((1, 1, 2, 3, 5, 5, 5, 10, 10, 20, 50, 100))
  elif x < 0.82:
    spec["bandwidth"] = rng.choice((1, 5))    # bandwidth bought, no address allocated
    spec["public_ip"] = False

  base = rng.choice(NAMES)
  if r() < 0.8:
    spec["name"] = "%s-%02d" % (base, rng.randint(1, 30))
    if r() < 0.5:
      spec["host"] = spec["name"] if base.isascii() else None
  spec["description"] = rng.choice(DESCRIPTIONS)
  spec["tags"] = rng.sample(TAGS, rng.choice((0, 0, 1, 1, 2, 3)))
  if r() < 0.3:
    spec["resource_group"] = rng.choice(account.rgs)
  if r() < 0.25:
    spec["key_pair"] = rng.choice(("ops-key", "deploy", "jenkins-key"))
  if r() < 0.2:
    spec["http_tokens"] = "required"
  return make_instance(rng, account, region, **spec)


REGION_IDS = list(REGIONS)
REGION_CUM = list(itertools.accumulate(REGIONS[k][2] for k in REGION_IDS))
TYPE_INDEX = range(len(TYPES))
TYPE_CUM = list(itertools.accumulate(TYPE_WEIGHTS))
IMAGE_INDEX = range(len(IMAGES))
IMAGE_CUM = list(itertools.accumulate(IMAGE_WEIGHTS))


def make_renderer(indent):
  """A function rendering one instance dict (as made by make_instance) at nesting depth 3,
  byte for byte like json.dumps(..., indent=indent, sort_keys=True, ensure_ascii=False) does
  there, but several times faster: the fixed part of the shape is spelled out below and
  only the variable parts (lists, EipAddress) go through the generic function."""
  P = ["\n" + indent * d for d in range(16)]

  def value(v, d):
    t = type(v)
    if t is str:
      return es(v)
    if t is bool:
      return "true" if v else "false"
    if t is int or t is float:
      return repr(v)
    if t is dict:
      if not v:
        return "{}"
      p = P[d + 1]
      return ("{" + p + ("," + p).join(es(k) + ": " + value(v[k], d + 1) for k in sorted(v))
              + P[d] + "}")
    if t is list:
      if not v:
        return "[]"
      p = P[d + 1]
      return "[" + p + ("," + p).join(value(x, d + 1) for x in v) + P[d] + "]"
    if v is None:
      return "null"
    raise TypeError(type(v))

  p4, p5, p6 = P[4], P[5], P[6]
  TF = ("false", "true")
  # The keys, in sorted order, with a renderer for each value: "s" string, "n" number,
  # "b" boolean, a tuple of (key, kind) for a fixed nested object, "v" anything else.
  layout = [
    ("AutoReleaseTime", "s"), ("ClusterId", "s"), ("Cpu", "n"),
    ("CpuOptions", (("CoreCount", "n"), ("Numa", "s"), ("ThreadsPerCore", "n"))),
    ("CreationTime", "s"), ("CreditSpecification", "s"),
    ("DedicatedHostAttribute", (("DedicatedHostClusterId", "s"), ("DedicatedHostId", "s"),
                                ("DedicatedHostName", "s"))),
    ("DedicatedInstanceAttribute", (("Affinity", "s"), ("Tenancy", "s"))),
    ("DeletionProtection", "b"), ("DeploymentSetId", "s"), ("Description", "s"),
    ("DeviceAvailable", "b"),
    ("EcsCapacityReservationAttr", (("CapacityReservationId", "s"),
                                    ("CapacityReservationPreference", "s"))),
    ("EipAddress", "v"), ("ExpiredTime", "s"), ("GPUAmount", "n"), ("GPUSpec", "s"),
    ("HibernationOptions", (("Configured", "b"),)), ("HostName", "s"), ("ImageId", "s"),
    ("InnerIpAddress", "v"), ("InstanceChargeType", "s"), ("InstanceId", "s"),
    ("InstanceName", "s"), ("InstanceNetworkType", "s"), ("InstanceType", "s"),
    ("InstanceTypeFamily", "s"), ("InternetChargeType", "s"), ("InternetMaxBandwidthIn", "n"),
    ("InternetMaxBandwidthOut", "n"), ("IoOptimized", "b"), ("KeyPairName", "s"),
    ("MetadataOptions", (("HttpEndpoint", "s"), ("HttpPutResponseHopLimit", "n"),
                         ("HttpTokens", "s"))),
    ("NetworkInterfaces", "v"), ("OSName", "s"), ("OSNameEn", "s"), ("OSType", "s"),
    ("OperationLocks", "v"), ("PublicIpAddress", "v"), ("Recyclable", "b"), ("RegionId", "s"),
    ("ResourceGroupId", "s"), ("SaleCycle", "s"), ("SecurityGroupIds", "v"),
    ("SerialNumber", "s"), ("SpotPriceLimit", "n"), ("SpotStrategy", "s"), ("StartTime", "s"),
    ("Status", "s"), ("StoppedMode", "s"), ("Tags", "v"), ("VlanId", "s"),
    ("VpcAttributes", "v"), ("ZoneId", "s"),
  ]
  keys = frozenset(k for k, _ in layout)

  def one(kind, v, head, d):
    if kind == "s":
      return head + es(v)
    if kind == "n":
      return head + repr(v)
    if kind == "b":
      return head + TF[v]
    return head + value(v, d)

  steps = []
  for key, kind in layout:
    head = p4 + es(key) + ": "
    if isinstance(kind, tuple):
      sub = tuple((k, k2, p5 + es(k2) + ": ") for k, k2 in ((key, k2) for k2, _ in kind))
      kinds = tuple(k for _, k in kind)
      steps.append((key, "o", head, (sub, kinds)))
    else:
      steps.append((key, kind, head, None))

  def render(inst):
    if inst.keys() != keys:
      return value(inst, 3)        # not the usual shape: take the slow, generic road
    parts = []
    add = parts.append
    for key, kind, head, sub in steps:
      v = inst[key]
      if kind == "o":
        fields, kinds = sub
        add(head + "{" + ",".join(one(k, v[k2], h, 5) for (_, k2, h), k in zip(fields, kinds))
            + p4 + "}")
      else:
        add(one(kind, v, head, 4))
    return "{" + ",".join(parts) + P[3] + "}"

  return render


def write(out, n, seed, indent="  "):
  """Stream the document; the bytes equal json.dumps(doc, indent=indent, sort_keys=True,
  ensure_ascii=False) + "\n" for the whole document, without ever holding it."""
  rng = random.Random(seed)
  account = Account(rng)
  render = make_renderer(indent)
  nl = "\n" + indent * 3
  out.write('{\n%s"Instances": {\n%s"Instance": [' % (indent, indent * 2))
  buf = []
  for i in range(n):
    text = render(random_instance(rng, account))
    buf.append((nl if i == 0 else "," + nl) + text)
    if len(buf) >= 512:
      out.write("".join(buf))
      buf.clear()
  out.write("".join(buf))
  out.write(("\n%s]\n%s}\n}\n" % (indent * 2, indent)) if n else "]\n%s}\n}\n" % indent)


def main(argv=None):
  p = argparse.ArgumentParser(description="Write N realistic ECS instances in the aliyun CLI "
                                          "--pager shape ({\"Instances\":{\"Instance\":[...]}}).")
  p.add_argument("n", type=int, metavar="N", help="number of instances")
  p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
  p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
  p.add_argument("--tabs", action="store_true",
                 help="indent with tabs like the aliyun CLI (default: 2 spaces)")
  args = p.parse_args(argv)
  if args.n < 0:
    p.error("N must be 0 or more")
  indent = "\t" if args.tabs else "  "
  if args.output:
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
      write(f, args.n, args.seed, indent)
  else:
    out = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="\n", closefd=False)
    try:
      write(out, args.n, args.seed, indent)
      out.flush()
    except BrokenPipeError:           # e.g. piped into head: not an error worth a trace
      os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
      sys.exit(1)


if __name__ == "__main__":
  main()
